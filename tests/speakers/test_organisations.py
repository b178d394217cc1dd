import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from speakers.models import Organisation, OrganisationInvitation, OrganisationMembership
from tests.factories.core import UserFactory
from tests.factories.presessions import StateFactory

pytestmark = pytest.mark.django_db


def verified_user(email, **kwargs):
    user = UserFactory(email=email, **kwargs)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_create_organisation_makes_the_user_its_admin_and_an_applicant(client):
    user = verified_user("new@example.org")
    country = StateFactory()
    client.force_login(user)

    response = client.post(
        reverse("organisations:organisation_create"),
        {
            "name": "Demo Voices",
            "acronym": "DV",
            "country": country.pk,
            "kind": "nhri",
            "ecosoc_status": "none",
            "website": "example.org",
            "founded_year": "1998",
        },
    )

    organisation = Organisation.objects.get(name="Demo Voices")
    user.refresh_from_db()
    assert response.status_code == 302
    assert organisation.website == "https://example.org"
    assert OrganisationMembership.objects.get(user=user, organisation=organisation).role == "admin"
    assert user.is_applicant is True


def test_founded_year_must_be_plausible(client):
    client.force_login(verified_user("year@example.org"))

    response = client.post(
        reverse("organisations:organisation_create"),
        {
            "name": "X",
            "country": StateFactory().pk,
            "kind": "other",
            "ecosoc_status": "none",
            "founded_year": "98",
        },
    )

    assert "Enter a year such as 1998." in response.content.decode()


def test_invitation_mail_and_acceptance_by_the_invited_address_only(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.applicant_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("organisations:organisation_invite", args=[world.org_a.pk]),
            {"email": "Colleague@Example.org"},
        )
    invitation = OrganisationInvitation.objects.get()
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert f"/my/organisations/join/{invitation.token}/" in mail.outbox[0].body

    intruder = verified_user("intruder@example.org")
    client.force_login(intruder)
    refused = client.post(
        reverse("organisations:organisation_join"), {"token": invitation.token}, follow=True
    )
    colleague = verified_user("colleague@example.org")
    client.force_login(colleague)
    client.post(reverse("organisations:organisation_join"), {"token": invitation.token})
    reused = client.post(reverse("organisations:organisation_join"), {"token": invitation.token}, follow=True)

    assert "This invitation was sent to another e-mail address." in refused.content.decode()
    assert not OrganisationMembership.objects.filter(user=intruder).exists()
    assert OrganisationMembership.objects.filter(user=colleague, organisation=world.org_a).exists()
    assert "not valid or has already been used" in reused.content.decode()


def test_join_by_code_and_renewed_code_stops_working(world, client):
    old_code = world.org_a.join_token
    colleague = verified_user("c2@example.org")
    client.force_login(world.applicant_a)
    client.post(reverse("organisations:organisation_renew_token", args=[world.org_a.pk]))
    world.org_a.refresh_from_db()

    client.force_login(colleague)
    refused = client.post(reverse("organisations:organisation_join"), {"token": old_code}, follow=True)
    client.post(reverse("organisations:organisation_join"), {"token": world.org_a.join_token})

    assert world.org_a.join_token != old_code
    assert "not valid" in refused.content.decode()
    assert list(colleague.organisations.all()) == [world.org_a]


def test_several_users_act_for_one_organisation(world, client):
    colleague = verified_user("c3@example.org")
    client.force_login(colleague)
    client.post(reverse("organisations:organisation_join"), {"token": world.org_a.join_token})

    response = client.get(reverse("applications:application_detail", args=[world.application_a.token]))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 20])
def test_organisation_list_query_count_is_constant(world, client, django_assert_num_queries, count):
    for index in range(count - 1):
        OrganisationMembership.objects.create(
            user=UserFactory(email=f"m{index}@example.org"), organisation=world.org_a
        )
    client.force_login(world.applicant_a)
    client.get(reverse("applications:application_list"))

    with django_assert_num_queries(5):
        response = client.get(reverse("organisations:organisation_list"))

    # The administrator (world.applicant_a) and its colleagues, the page read in the same queries.
    assert response.content.decode().count("(Member)") == count - 1
    assert response.content.decode().count("(Administrator)") == 1


def test_organisation_edit_saves_through_the_service_with_its_actor(world, client):
    organisation = world.application_a.organisation
    client.force_login(world.applicant_a)

    response = client.post(
        reverse("organisations:organisation_edit", kwargs={"pk": organisation.pk}),
        {
            "name": "Renamed Voices",
            "acronym": "RV",
            "country": organisation.country.pk,
            "kind": "national_ngo",
            "ecosoc_status": "none",
            "website": "",
            "founded_year": "2001",
            "aims": "",
        },
    )

    organisation.refresh_from_db()
    assert response.status_code == 302
    assert (organisation.name, organisation.founded_year) == ("Renamed Voices", 2001)
    assert organisation.history.latest().history_user == world.applicant_a


def test_new_join_code_asks_for_confirmation_first(world, client):
    old_code = world.org_a.join_token
    client.force_login(world.applicant_a)
    url = reverse("organisations:organisation_renew_token", args=[world.org_a.pk])

    page = client.get(url)
    world.org_a.refresh_from_db()

    body = page.content.decode()
    assert page.status_code == 200
    assert world.org_a.join_token == old_code
    assert f'<form method="post" action="{url}"' in body
    assert "stops working at once" in body
