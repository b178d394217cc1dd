"""Invitations, reminders and check-ins are read-only in the admin (services make every change)."""

import pytest
from django.urls import reverse

from tests.factories.world import user_with_mfa

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["invitation", "reminder", "checkin"])
def test_admin_lists_but_never_adds_invitation_records(sent, client, model):
    client.force_login(user_with_mfa(is_staff=True, is_superuser=True, email="root@example.org"))

    listing = client.get(reverse(f"admin:embassies_{model}_changelist"))
    adding = client.get(reverse(f"admin:embassies_{model}_add"))

    assert (listing.status_code, adding.status_code) == (200, 403)


def test_admin_invitation_page_hides_the_rsvp_token(sent, client):
    client.force_login(user_with_mfa(is_staff=True, is_superuser=True, email="root@example.org"))
    invitation = sent["Alphaland"]

    html = client.get(reverse("admin:embassies_invitation_change", args=[invitation.pk])).content.decode()

    assert invitation.token not in html
