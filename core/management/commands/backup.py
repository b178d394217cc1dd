"""``manage.py backup [ARCHIVE]``: the database and the uploaded files in one .tar.gz (see core.backup)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into one archive (default: var/backups/upr-<time>.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="Path of the .tar.gz to write.")

    def handle(self, *args, archive=None, **options):
        if archive is None:
            folder = Path(settings.VAR_DIR) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            archive = folder / f"upr-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        archive = Path(archive)
        if archive.exists():
            raise CommandError(f"{archive} exists already: choose another name.")
        try:
            manifest = create_backup(
                archive, connection=connections[DEFAULT_DB_ALIAS], media_root=settings.MEDIA_ROOT
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Backup written to {archive}: {manifest['vendor']} database, "
            f"{len(manifest['media'])} uploaded files, {archive.stat().st_size / 1_048_576:.1f} MB."
        )
