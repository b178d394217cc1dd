"""``manage.py purge_orphan_uploads [--delete] [--older-than HOURS]``: files no row names (core.files)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.files import UPLOAD_FOLDERS, purge_orphans


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
        purge = purge_orphans(settings.MEDIA_ROOT, older_than_hours=older_than, delete=delete)
        for orphan, error in purge.failed:
            self.stderr.write(f"Could not delete {orphan.name}: {error}")
        if options["verbosity"] >= 1:
            failed = {orphan.name for orphan, _error in purge.failed}
            for orphan in purge.orphans:
                if orphan.name not in failed:
                    self.stdout.write(f"{'deleted' if delete else 'orphan'}\t{orphan.size}\t{orphan.name}")
        found = f"{len(purge.orphans)} orphan files, {_amount(purge.orphans)}, older than {older_than:g} h"
        if not delete:
            self.stdout.write(f"{found}: dry run, nothing deleted (--delete removes them).")
            return
        self.stdout.write(f"{found}: {len(purge.removed)} deleted, {_amount(purge.removed)}.")
        if purge.failed:
            raise CommandError(f"{len(purge.failed)} orphan files could not be deleted.")


def _amount(files):
    total = sum(stored.size for stored in files)
    return f"{total} bytes ({total / 1_048_576:.1f} MB)"
