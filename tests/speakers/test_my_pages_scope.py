"""``/my/`` pages show only the user's own organisations' applications, whoever the user is (item 11)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from speakers.models import Application
from speakers.organisations.models import OrganisationMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_file(world):
    Application.objects.filter(pk=world.application_a.pk).update(
        submission_file=SimpleUploadedFile("s.pdf", b"%PDF-1.7").name
    )
    return world.application_a


@pytest.mark.parametrize("name", ["applications:application_detail", "applications:application_file"])
def test_my_application_pages_refuse_staff_of_another_organisation(client, world, with_file, name):
    client.force_login(world.staff)

    response = client.get(reverse(name, args=[world.application_a.token]))

    assert response.status_code == 404


def test_my_application_list_of_staff_shows_only_their_organisations(client, world):
    OrganisationMembership.objects.create(organisation=world.org_b, user=world.staff)
    client.force_login(world.staff)

    response = client.get(reverse("applications:application_list"))

    assert list(response.context["applications"]) == [world.application_b]
