"""``manage.py restore ARCHIVE``: back into an empty database and an empty MEDIA_ROOT (see core.backup)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into an empty database and an empty MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `manage.py backup`.")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(
                archive, connection=connections[DEFAULT_DB_ALIAS], media_root=settings.MEDIA_ROOT
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"Restored {archive} (made {manifest['created']}): {manifest['vendor']} database, "
            f"{len(manifest['media'])} uploaded files. Run `manage.py migrate` if this code is newer."
        )
