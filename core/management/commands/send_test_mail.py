"""Queue a test mail through the outbox, to check the SMTP settings of a deployment."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from core.mail import queue_templated_mail
from core.models import Language


class Command(BaseCommand):
    help = "Queue a test mail to ADDRESS through the outbox (a worker, or in-process without a broker)."

    def add_arguments(self, parser):
        parser.add_argument("address")
        parser.add_argument("--language", choices=Language.values, default=Language.ENGLISH)

    def handle(self, *args, address, language, **options):
        try:
            mail = queue_templated_mail(
                to=address,
                template_prefix="core/email/test_mail",
                context={"requested_by": "manage.py send_test_mail"},
                language=language,
                idempotency_key=f"test-mail:{uuid.uuid4()}",
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        mail.refresh_from_db()
        self.stdout.write(f"Mail {mail.pk} to {mail.recipient}: {mail.status}")
