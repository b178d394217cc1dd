import pytest
from django.urls import reverse

from core.mail import queue_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    return client


def test_outbound_mail_admin_is_read_only(admin_client):
    mail = queue_mail(
        to="a@example.org",
        subject="Hello",
        text_body="Body",
        idempotency_key="admin:1",
        attachments=[("a.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )

    changelist = admin_client.get(reverse("admin:core_outboundmail_changelist"))
    change = admin_client.get(reverse("admin:core_outboundmail_change", args=[mail.pk]))
    history = admin_client.get(reverse("admin:core_outboundmail_history", args=[mail.pk]))
    add = admin_client.get(reverse("admin:core_outboundmail_add"))
    post = admin_client.post(
        reverse("admin:core_outboundmail_change", args=[mail.pk]), {"subject": "Changed"}
    )

    assert changelist.status_code == 200
    assert "a@example.org" in changelist.content.decode()
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert "a.ics" in change.content.decode()
    assert history.status_code == 200
    assert add.status_code == 403
    assert post.status_code == 403
    mail.refresh_from_db()
    assert mail.subject == "Hello"
