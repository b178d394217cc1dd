"""Queue due outbox mails once (what Celery beat does every minute); for cron or a broker-less setup."""

from django.core.management.base import BaseCommand

from core.outbox import dispatch_due_mail


class Command(BaseCommand):
    help = "Queue every outbox mail that is due: retries, lost tasks and stale claims."

    def handle(self, *args, **options):
        count = dispatch_due_mail()
        self.stdout.write(f"{count} mail(s) queued for delivery.")
