import pytest
from django.core import mail as django_mail
from django.db import transaction

from core.mail import clean_subject, message_id_for, queue_mail, queue_templated_mail
from core.models import OutboundMail

pytestmark = pytest.mark.django_db


def _queue(**overrides):
    values = {"to": "a@example.org", "subject": "Hello", "text_body": "Body", "idempotency_key": "k:1"}
    values.update(overrides)
    return queue_mail(**values)


def test_queue_mail_same_key_twice_gives_one_row_and_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = _queue(subject="Hello again")

    assert second.pk == first.pk
    assert callbacks == []
    assert OutboundMail.objects.count() == 1
    assert len(django_mail.outbox) == 1
    assert django_mail.outbox[0].subject == "Hello"
    assert OutboundMail.objects.get().status == OutboundMail.Status.SENT


def test_queue_mail_sends_nothing_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail = _queue()

    assert len(callbacks) == 1
    assert django_mail.outbox == []
    mail.refresh_from_db()
    assert mail.status == OutboundMail.Status.QUEUED
    assert mail.attempts == 0


def test_queue_mail_rolled_back_transaction_leaves_no_row_and_sends_nothing(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _queue()
            raise RuntimeError("the caller's transaction fails")

    assert callbacks == []
    assert OutboundMail.objects.count() == 0
    assert django_mail.outbox == []


def test_queue_mail_stores_row_with_stable_message_id_and_sends_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = _queue(
            language="fr",
            html_body="<p>Body</p>",
            reply_to="secretariat@example.org",
            attachments=[("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
        )

    mail.refresh_from_db()
    assert mail.message_id == message_id_for("k:1")
    assert mail.message_id.endswith("@127.0.0.1>")
    assert mail.sent_at is not None
    assert mail.attempts == 1
    sent = django_mail.outbox[0]
    assert sent.to == ["a@example.org"]
    assert sent.reply_to == ["secretariat@example.org"]
    assert sent.extra_headers["Message-ID"] == mail.message_id
    assert sent.alternatives[0].content == "<p>Body</p>"
    # Django decodes text/* attachments to str.
    assert sent.attachments[0] == ("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    assert "Message-ID: " + mail.message_id in sent.message().as_string()


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Hello\r\nBcc: victim@example.org", "Hello Bcc: victim@example.org"),
        ("Line one\nline two\r", "Line one line two"),
        ("Tab\tand\u2028separator", "Tab and separator"),
    ],
)
def test_clean_subject_never_keeps_line_breaks(subject, expected):
    assert clean_subject(subject) == expected


def test_queue_mail_subject_with_crlf_is_one_header_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = _queue(subject="Decision\r\nBcc: victim@example.org")

    assert mail.subject == "Decision Bcc: victim@example.org"
    message = django_mail.outbox[0].message()
    assert message["Subject"] == "Decision Bcc: victim@example.org"
    assert message["Bcc"] is None


@pytest.mark.parametrize(
    "address",
    ["a@example.org\r\nBcc: victim@example.org", "a@example.org, b@example.org", "not an address", ""],
)
def test_queue_mail_refuses_header_injection_in_addresses(address):
    with pytest.raises(ValueError):
        _queue(to=address)
    with pytest.raises(ValueError):
        _queue(reply_to=address or "x\n@example.org")
    assert OutboundMail.objects.count() == 0


def test_queue_mail_refuses_missing_key_and_unknown_language():
    with pytest.raises(ValueError):
        _queue(idempotency_key="")
    with pytest.raises(ValueError):
        _queue(language="de")


def test_queue_mail_refuses_oversized_attachments(settings):
    settings.OUTBOX_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValueError):
        _queue(attachments=[("big.pdf", b"%PDF-" + b"x" * 10, "application/pdf")])
    assert OutboundMail.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "subject", "first_line"),
    [
        ("en", "Test message from UPR Pre-sessions", "This is a test message from UPR Pre-sessions."),
        ("fr", "Message de test de UPR Pre-sessions", "Ceci est un message de test de UPR Pre-sessions."),
        ("es", "Mensaje de prueba de UPR Pre-sessions", "Este es un mensaje de prueba de UPR Pre-sessions."),
    ],
)
def test_queue_templated_mail_renders_in_the_recipients_language(language, subject, first_line):
    mail = queue_templated_mail(
        to="a@example.org",
        template_prefix="core/email/test_mail",
        context={"requested_by": "a test"},
        language=language,
        idempotency_key=f"templated:{language}",
    )

    assert mail.language == language
    assert mail.subject == subject
    assert mail.text_body.splitlines()[0] == first_line
    assert "http://127.0.0.1:8000/" in mail.text_body
    assert f'<html lang="{language}">' in mail.html_body


def test_queue_templated_mail_escapes_user_text_in_html_but_not_in_text():
    mail = queue_templated_mail(
        to="a@example.org",
        template_prefix="core/email/test_mail",
        context={"requested_by": '<script>alert("x")</script> & Co'},
        language="en",
        idempotency_key="templated:escape",
    )

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in mail.html_body
    assert "<script>" not in mail.html_body
    assert '<script>alert("x")</script> & Co' in mail.text_body
