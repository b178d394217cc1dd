"""allauth's mails go through the outbox, in the recipient's language, with links from SITE_URL."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail as django_mail
from django.urls import reverse

from core.models import OutboundMail, User
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"
NOW = datetime(2026, 3, 2, 9, 0, 0, 500_000, tzinfo=UTC)


@pytest.fixture
def forged_host(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver", "evil.example"]
    settings.SITE_URL = "https://presessions.example.org"
    return "evil.example"


def _links(text):
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.mark.parametrize(
    ("accept_language", "language", "subject"),
    [
        ("fr", "fr", "[UPR Pre-sessions] Confirmez votre adresse e-mail"),
        ("es", "es", "[UPR Pre-sessions] Por favor, confirme su dirección de correo electrónico"),
        ("en", "en", "[UPR Pre-sessions] Please Confirm Your Email Address"),
    ],
)
def test_signup_verification_mail_goes_through_outbox_in_the_users_language(
    client, django_capture_on_commit_callbacks, accept_language, language, subject
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.org",
                "full_name": "New Person",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            HTTP_ACCEPT_LANGUAGE=accept_language,
        )

    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").language == language
    mail = OutboundMail.objects.get()
    assert (mail.recipient, mail.language, mail.subject) == ("new@example.org", language, subject)
    assert mail.idempotency_key.startswith("account:email_confirmation_signup:")
    assert mail.status == OutboundMail.Status.SENT
    assert [m.subject for m in django_mail.outbox] == [subject]
    assert mail.sensitive is True
    assert mail.text_body == ""  # the verification link is erased once sent
    assert [link.split("/accounts/")[0] for link in _links(django_mail.outbox[0].body)] == [
        "http://127.0.0.1:8000"
    ]


def test_forged_host_never_reaches_a_password_reset_link(client, forged_host):
    UserFactory(email="member@example.org", language="es")

    response = client.post(
        reverse("account_reset_password"), {"email": "member@example.org"}, HTTP_HOST=forged_host
    )

    assert response.status_code == 302
    mail = OutboundMail.objects.get()
    assert mail.language == "es"
    assert forged_host not in mail.text_body + mail.html_body + mail.subject
    links = _links(mail.text_body)
    assert len(links) == 1
    assert links[0].startswith("https://presessions.example.org/accounts/password/reset/key/")


def test_forged_host_never_reaches_a_verification_link(client, forged_host):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.org", "full_name": "New Person", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=forged_host,
    )

    mail = OutboundMail.objects.get()
    assert forged_host not in mail.text_body + mail.html_body + mail.subject
    assert [link.split("/accounts/confirm-email/")[0] for link in _links(mail.text_body)] == [
        "https://presessions.example.org"
    ]
    assert "presessions.example.org" in mail.text_body.replace(_links(mail.text_body)[0], "")


def test_forged_host_never_reaches_account_already_exists_mail(client, forged_host, settings):
    settings.ACCOUNT_PREVENT_ENUMERATION = True
    UserFactory(email="member@example.org")

    client.post(
        reverse("account_signup"),
        {
            "email": "member@example.org",
            "full_name": "A Member",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
        HTTP_HOST=forged_host,
    )

    mail = OutboundMail.objects.get()
    assert mail.idempotency_key.startswith("account:account_already_exists:")
    assert forged_host not in mail.text_body
    assert {link.split("/accounts/")[0] for link in _links(mail.text_body)} == {
        "https://presessions.example.org"
    }


def test_password_reset_double_click_sends_one_mail_but_a_later_reset_sends_again(client):
    UserFactory(email="member@example.org")
    url = reverse("account_reset_password")

    with time_machine.travel(NOW, tick=False) as clock:
        client.post(url, {"email": "member@example.org"})
        client.post(url, {"email": "member@example.org"})
        assert OutboundMail.objects.count() == 1

        clock.shift(timedelta(minutes=10))
        client.post(url, {"email": "member@example.org"})

    assert OutboundMail.objects.count() == 2
    first, second = OutboundMail.objects.order_by("created_at")
    assert _links(first.text_body) != _links(second.text_body)


def test_login_code_mail_goes_through_outbox(client, django_capture_on_commit_callbacks):
    UserFactory(email="member@example.org", language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_request_login_code"), {"email": "member@example.org"})

    mail = OutboundMail.objects.get()
    assert mail.language == "fr"
    assert mail.idempotency_key.startswith("account:login_code:")
    assert len(django_mail.outbox) == 1


def test_security_notices_go_through_outbox_in_the_users_language(client, django_capture_on_commit_callbacks):
    from allauth.account.adapter import get_adapter
    from allauth.core.context import request_context
    from django.test import RequestFactory

    member = UserFactory(email="member@example.org", language="fr")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_USER_AGENT="Test browser")
    request.user = member

    with django_capture_on_commit_callbacks(execute=True), request_context(request):
        get_adapter(request).send_notification_mail("mfa/email/totp_activated", member, email=member.email)

    mail = OutboundMail.objects.get()
    assert (mail.recipient, mail.language) == ("member@example.org", "fr")
    assert mail.idempotency_key.startswith("account:totp_activated:")
    assert "192.0.2.1" in mail.text_body
    assert mail.sensitive is False
    assert len(django_mail.outbox) == 1


def test_password_change_sends_a_notice_through_outbox(client):
    member = UserFactory(email="member@example.org")
    client.force_login(member)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "correct horse battery staple", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 302
    mail = OutboundMail.objects.get()
    assert mail.idempotency_key.startswith("account:password_changed:")


def test_account_mail_secrets_are_hidden_from_staff_and_erased_once_sent(
    client, staff_user, django_capture_on_commit_callbacks, smtp_failures
):
    import smtplib

    UserFactory(email="member@example.org")
    smtp_failures.append(smtplib.SMTPRecipientsRefused({"member@example.org": (550, b"5.1.1 Mailbox full")}))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "member@example.org"})
    mail = OutboundMail.objects.get()
    assert (mail.sensitive, mail.status) == (True, OutboundMail.Status.FAILED)
    reset_link = _links(mail.text_body)[0]

    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    detail = client.get(reverse("core:outbox_detail", args=[mail.pk])).content.decode()
    admin_page = client.get(reverse("admin:core_outboundmail_change", args=[mail.pk])).content.decode()
    assert reset_link not in detail
    assert "its text is not shown here" in detail
    assert reset_link not in admin_page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:outbox_resend", args=[mail.pk]))

    mail.refresh_from_db()
    assert mail.status == OutboundMail.Status.SENT
    assert (mail.text_body, mail.html_body) == ("", "")
    assert reset_link in django_mail.outbox[0].body
