"""Invitations cannot be used as a phishing relay (issue 12, item 6)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.models import OutboundMail
from speakers.models import Organisation
from speakers.organisations.models import OrganisationInvitation
from speakers.organisations.services import OrganisationError, invite_to_organisation
from tests.factories.speakers import applicant_for

pytestmark = pytest.mark.django_db

PHISHING = "Reset your password here: https://evil.example/reset"


@pytest.fixture(autouse=True)
def _limits(settings):
    cache.clear()
    settings.ORGANISATION_INVITATION_LIMITS = {"user": (3, 3600), "organisation": (5, 86400)}
    yield
    cache.clear()


def test_invitations_are_limited_per_user(world):
    for number in range(3):
        invite_to_organisation(
            organisation=world.org_a, email=f"p{number}@example.org", invited_by=world.applicant_a
        )

    with pytest.raises(OrganisationError) as error:
        invite_to_organisation(organisation=world.org_a, email="p9@example.org", invited_by=world.applicant_a)

    assert str(error.value) == "Too many invitations were sent: try again later."
    assert OrganisationInvitation.objects.count() == 3


def test_invitations_are_limited_per_organisation(world):
    colleagues = [applicant_for(world.org_a, email=f"c{n}@example.org") for n in range(2)]
    for number in range(5):
        invite_to_organisation(
            organisation=world.org_a, email=f"p{number}@example.org", invited_by=colleagues[number % 2]
        )

    with pytest.raises(OrganisationError):
        invite_to_organisation(organisation=world.org_a, email="p9@example.org", invited_by=world.applicant_a)
    assert OrganisationInvitation.objects.count() == 5


def test_invite_page_says_when_the_limit_is_reached_and_sends_nothing(world, client):
    client.force_login(world.applicant_a)
    url = reverse("organisations:organisation_invite", args=[world.org_a.pk])
    for number in range(3):
        client.post(url, {"email": f"p{number}@example.org"})
    mails = OutboundMail.objects.count()

    response = client.post(url, {"email": "p9@example.org"}, follow=True)

    assert "Too many invitations were sent: try again later." in response.content.decode()
    assert OutboundMail.objects.count() == mails


def test_organisation_name_with_a_link_is_refused(world, client):
    client.force_login(world.applicant_a)

    response = client.post(
        reverse("organisations:organisation_edit", args=[world.org_a.pk]),
        {
            "name": PHISHING,
            "acronym": "www.evil.example",
            "country": world.org_a.country_id,
            "kind": world.org_a.kind,
        },
    )

    assert response.context["form"].errors["name"] == ["A name cannot contain a web or e-mail address."]
    assert response.context["form"].errors["acronym"] == ["A name cannot contain a web or e-mail address."]
    assert Organisation.objects.get(pk=world.org_a.pk).name == "Org A"


def test_full_name_with_a_link_is_refused_on_the_profile(world, client):
    client.force_login(world.applicant_a)

    response = client.post(reverse("core:profile"), {"full_name": PHISHING, "language": "en"})

    assert response.context["form"].errors["full_name"] == ["A name cannot contain a web or e-mail address."]
