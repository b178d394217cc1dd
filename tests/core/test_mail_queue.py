import pytest
from django.core import mail as django_mail

from core.mail import queue_mail
from core.models import OutboundMail


@pytest.mark.django_db
def test_queue_mail_same_key_twice_gives_one_row_and_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_mail(to="a@example.org", subject="Hello", text_body="Body", idempotency_key="k:1")
    with django_capture_on_commit_callbacks(execute=True):
        second = queue_mail(
            to="a@example.org", subject="Hello again", text_body="Body", idempotency_key="k:1"
        )

    assert second.pk == first.pk
    assert OutboundMail.objects.count() == 1
    assert len(django_mail.outbox) == 1
    assert OutboundMail.objects.get().status == OutboundMail.Status.SENT
