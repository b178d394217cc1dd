"""``manage.py sync_staff_group``: create or update the secretariat's group of model permissions."""

from django.core.management.base import BaseCommand

from core.staffgroup import STAFF_GROUP, sync_staff_group


class Command(BaseCommand):
    help = "Create or update the 'Secretariat' group: the model permissions staff need in the admin."

    def handle(self, *args, **options):
        _group, count = sync_staff_group()
        self.stdout.write(f"Group {STAFF_GROUP!r}: {count} permissions.")
