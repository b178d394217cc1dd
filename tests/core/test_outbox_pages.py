import smtplib

import pytest
from django.core import mail as django_mail
from django.urls import reverse

from core import outbox
from core.mail import queue_mail
from core.models import OutboundMail

pytestmark = pytest.mark.django_db

Status = OutboundMail.Status


def _mail(n=0, **overrides):
    values = {
        "to": f"person{n}@example.org",
        "subject": f"Mail {n}",
        "text_body": f"Body {n}",
        "idempotency_key": f"page:{n}",
    }
    values.update(overrides)
    return queue_mail(**values)


@pytest.fixture
def failed_mail(smtp_failures):
    smtp_failures.append(smtplib.SMTPRecipientsRefused({"gone@example.org": (550, b"5.1.1 No such user")}))
    mail = _mail(
        to="gone@example.org", subject="Your application <b>was received</b>", idempotency_key="page:failed"
    )
    outbox.deliver_mail(mail.pk)
    mail.refresh_from_db()
    return mail


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("applicant", 403), ("diplomat", 403), ("reviewer", 403), ("staff", 200)],
)
def test_outbox_pages_only_secretariat_may_view(client, users_by_role, failed_mail, role, expected):
    if users_by_role[role]:
        client.force_login(users_by_role[role])

    for url in [reverse("core:outbox_list"), reverse("core:outbox_detail", args=[failed_mail.pk])]:
        response = client.get(url)
        assert response.status_code == expected
        if expected == 302:
            assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("applicant", 403), ("diplomat", 403), ("reviewer", 403), ("staff", 302)],
)
def test_outbox_resend_permission_across_roles(
    client, users_by_role, failed_mail, role, expected, django_capture_on_commit_callbacks
):
    if users_by_role[role]:
        client.force_login(users_by_role[role])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:outbox_resend", args=[failed_mail.pk]))

    assert response.status_code == expected
    failed_mail.refresh_from_db()
    assert failed_mail.status == (Status.SENT if role == "staff" else Status.FAILED)
    assert len(django_mail.outbox) == (1 if role == "staff" else 0)


def test_outbox_resend_button_sends_a_failed_mail_again(
    client, staff_user, failed_mail, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    detail = client.get(reverse("core:outbox_detail", args=[failed_mail.pk]))
    resend_url = reverse("core:outbox_resend", args=[failed_mail.pk])
    assert f'action="{resend_url}"' in detail.content.decode()
    assert "SMTPRecipientsRefused" in detail.content.decode()
    assert "Your application &lt;b&gt;was received&lt;/b&gt;" in detail.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url, follow=True)

    failed_mail.refresh_from_db()
    assert failed_mail.status == Status.SENT
    assert [m.to for m in django_mail.outbox] == [["gone@example.org"]]
    page = response.content.decode()
    assert "The mail is queued to be sent again." in page
    assert f'action="{resend_url}"' not in page
    assert "staff@example.org" in page  # the history names who resent it


def test_outbox_resend_refuses_get_and_mails_that_did_not_fail(client, staff_user):
    mail = _mail()
    client.force_login(staff_user)

    assert client.get(reverse("core:outbox_resend", args=[mail.pk])).status_code == 405
    response = client.post(reverse("core:outbox_resend", args=[mail.pk]), follow=True)

    assert "Only a failed mail can be sent again." in response.content.decode()
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (Status.QUEUED, 0)


def test_outbox_resend_requires_csrf_token(staff_user, failed_mail):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)

    response = client.post(reverse("core:outbox_resend", args=[failed_mail.pk]))

    assert response.status_code == 403
    failed_mail.refresh_from_db()
    assert failed_mail.status == Status.FAILED


def test_outbox_list_filters_by_status_and_recipient(client, staff_user, failed_mail):
    for n in range(3):
        _mail(n)
    client.force_login(staff_user)
    url = reverse("core:outbox_list")

    failed = client.get(url, {"status": "failed"}).context["mails"]
    by_recipient = client.get(url, {"recipient": "PERSON1@"}).context["mails"]
    everything = client.get(url).context["mails"]

    assert [m.recipient for m in failed] == ["gone@example.org"]
    assert [m.recipient for m in by_recipient] == ["person1@example.org"]
    assert len(everything) == 4


def test_outbox_list_is_paginated(client, staff_user):
    for n in range(51):
        _mail(n)
    client.force_login(staff_user)

    first = client.get(reverse("core:outbox_list"), {"status": "queued"})
    second = client.get(reverse("core:outbox_list"), {"status": "queued", "page": 2})

    assert len(first.context["mails"]) == 50
    assert [m.recipient for m in second.context["mails"]] == ["person0@example.org"]
    assert 'href="?status=queued&amp;page=2"' in first.content.decode()


@pytest.mark.parametrize("rows", [1, 60])
def test_outbox_list_query_count_is_the_same_for_one_and_many_rows(
    client, staff_user, django_assert_num_queries, rows
):
    for n in range(rows):
        _mail(n)
    client.force_login(staff_user)
    client.get(reverse("core:outbox_list"))  # warm the session and MFA caches

    # session, user, MFA check, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse("core:outbox_list"))

    assert response.status_code == 200


def test_outbox_detail_shows_attachments_and_the_html_source_escaped(client, staff_user):
    mail = _mail(
        html_body="<p>Hello <script>x</script></p>",
        attachments=[("invite.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )
    client.force_login(staff_user)

    page = client.get(reverse("core:outbox_detail", args=[mail.pk])).content.decode()

    assert "invite.ics (text/calendar, 15\xa0bytes)" in page
    assert "&lt;p&gt;Hello &lt;script&gt;x&lt;/script&gt;&lt;/p&gt;" in page
    assert "<script>x</script>" not in page


def test_outbox_pages_send_staff_without_two_factor_to_set_it_up(client):
    from tests.factories.core import UserFactory

    client.force_login(UserFactory(email="new-staff@example.org", is_staff=True))

    for url in [reverse("core:outbox_list"), reverse("core:audit_list")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
