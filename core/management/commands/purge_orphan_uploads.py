"""``manage.py purge_orphan_uploads [--delete] [--older-than HOURS]``: files no row names (core.files)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.files import UPLOAD_FOLDERS, find_orphans


class Command(BaseCommand):
    help = (
        f"List the files under MEDIA_ROOT's upload folders ({', '.join(UPLOAD_FOLDERS)}) that no row "
        "references; --delete removes them. Files younger than --older-than hours are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete", action="store_true", help="Remove the orphans (default: only report)."
        )
        parser.add_argument(
            "--older-than",
            type=float,
            default=24,
            metavar="HOURS",
            help="Only files last modified more than HOURS ago (default 24: uploads in flight are safe).",
        )

    def handle(self, *args, delete=False, older_than=24, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more hours.")
        orphans = find_orphans(settings.MEDIA_ROOT, modified_before=time.time() - older_than * 3600)
        removed, failed = [], []
        for orphan in orphans:
            if delete:
                try:
                    orphan.path.unlink(missing_ok=True)
                except OSError as exc:
                    failed.append(orphan)
                    self.stderr.write(f"Could not delete {orphan.name}: {exc}")
                    continue
                removed.append(orphan)
            if options["verbosity"] >= 1:
                self.stdout.write(f"{'deleted' if delete else 'orphan'}\t{orphan.size}\t{orphan.name}")
        found = f"{len(orphans)} orphan files, {_amount(orphans)}, older than {older_than:g} h"
        if not delete:
            self.stdout.write(f"{found}: dry run, nothing deleted (--delete removes them).")
            return
        self.stdout.write(f"{found}: {len(removed)} deleted, {_amount(removed)}.")
        if failed:
            raise CommandError(f"{len(failed)} orphan files could not be deleted.")


def _amount(files):
    total = sum(stored.size for stored in files)
    return f"{total} bytes ({total / 1_048_576:.1f} MB)"
