"""queue_mails: many mails in a constant number of queries, same idempotency as queue_mail."""

import pytest
from django.core import mail as django_mail

from core.mail import queue_mail, queue_mails
from core.models import OutboundMail

pytestmark = pytest.mark.django_db


def _spec(n, **extra):
    return {
        "to": f"person{n}@example.org",
        "subject": f"Hello\r\n{n}",
        "text_body": "Body",
        "language": "fr",
        "idempotency_key": f"batch:{n}",
        "attachments": [("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        **extra,
    }


@pytest.mark.parametrize("count", [1, 40])
def test_queue_mails_costs_the_same_queries_for_one_or_many(django_assert_num_queries, count):
    with django_assert_num_queries(6):
        rows = queue_mails([_spec(n) for n in range(count)])

    assert [row.recipient for row in rows] == [f"person{n}@example.org" for n in range(count)]
    assert OutboundMail.objects.filter(attachments__filename="invite.ics").count() == count
    assert rows[0].subject == "Hello 0"


def test_queue_mails_skips_known_keys_and_delivers_each_new_mail_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = queue_mail(to="x@example.org", subject="Known", text_body="B", idempotency_key="batch:0")
        rows = queue_mails([_spec(0), _spec(1)])
        again = queue_mails([_spec(1)])

    assert rows[0] == known and again == [rows[1]]
    assert sorted(m.to[0] for m in django_mail.outbox) == ["person1@example.org", "x@example.org"]


def test_queue_mails_refuses_a_key_twice_in_one_batch():
    with pytest.raises(ValueError, match="twice"):
        queue_mails([_spec(1), _spec(1)])
