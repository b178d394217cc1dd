import pytest
from django.core import mail as django_mail
from django.core.management import CommandError, call_command

from core.mail import queue_mail
from core.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)  # autocommit, as in a real run: the send follows the commit
def test_send_test_mail_queues_and_sends_a_templated_mail_in_the_chosen_language(capsys):
    call_command("send_test_mail", "ops@example.org", "--language", "es")

    mail = OutboundMail.objects.get()
    assert (mail.recipient, mail.language, mail.subject) == (
        "ops@example.org",
        "es",
        "Mensaje de prueba de UPR Pre-sessions",
    )
    assert mail.idempotency_key.startswith("test-mail:")
    assert capsys.readouterr().out == f"Mail {mail.pk} to ops@example.org: sent\n"
    assert len(django_mail.outbox) == 1


def test_send_test_mail_refuses_a_bad_address():
    with pytest.raises(CommandError, match="Not a valid e-mail address"):
        call_command("send_test_mail", "not-an-address")


def test_dispatch_mail_sends_due_mail_whose_task_was_lost(capsys):
    mail = queue_mail(to="a@example.org", subject="Hi", text_body="x", idempotency_key="lost")
    OutboundMail.objects.filter(pk=mail.pk).update(enqueued_at=None)

    call_command("dispatch_mail")

    assert capsys.readouterr().out == "1 mail(s) queued for delivery.\n"
    mail.refresh_from_db()
    assert mail.status == OutboundMail.Status.SENT
