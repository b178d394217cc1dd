"""Organisation roles are enforced: administrators manage, members apply (issue 12, finding 9).

The rights matrix is written in ``speakers/organisations/rules.py``. The first four tests are the
reported gaps: a member who joined by code could rotate the join code, edit the profile, withdraw
another member's application and download an at-risk speaker's file.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from core.errors import DomainError
from speakers.applications import services as application_services
from speakers.models import Application, OrganisationInvitation, OrganisationMembership
from speakers.organisations import services
from speakers.organisations.services import OrganisationError
from speakers.statements.models import Statement
from tests.factories.core import UserFactory
from tests.factories.presessions import CallQuestionFactory
from tests.factories.speakers import ApplicationFactory, applicant_for

pytestmark = pytest.mark.django_db
Role = OrganisationMembership.Role


@pytest.fixture
def org(world):
    """Org A with its administrator (``world.applicant_a``) and a member who joined by code."""
    member = UserFactory(email="joined@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    services.join_organisation_by_token(user=member, token=world.org_a.join_token)
    Application.objects.filter(pk=world.application_a.pk).update(created_by=world.applicant_a)
    world.application_a.refresh_from_db()
    world.member = member
    return world


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def with_file(application, content=b"%PDF-1.4 secret"):
    application.submission_file.save("s.pdf", ContentFile(content), save=True)
    return reverse("applications:application_file", kwargs={"token": application.token})


def membership(world, user):
    return OrganisationMembership.objects.get(organisation=world.org_a, user=user)


def member_url(name, world, user):
    return reverse(f"organisations:{name}", args=[world.org_a.pk, membership(world, user).pk])


# --- the four reported gaps ---------------------------------------------------------------------------


def test_member_who_joined_by_code_is_a_member(org):
    assert membership(org, org.member).role == Role.MEMBER
    assert membership(org, org.applicant_a).role == Role.ADMIN


def test_member_cannot_rotate_the_join_code(org):
    code = org.org_a.join_token

    url = reverse("organisations:organisation_renew_token", args=[org.org_a.pk])

    response = as_user(org.member).post(url)

    org.org_a.refresh_from_db()
    assert response.status_code == 403
    assert org.org_a.join_token == code


def test_member_cannot_edit_the_profile(org):
    url = reverse("organisations:organisation_edit", args=[org.org_a.pk])
    client = as_user(org.member)

    page = client.get(url)
    response = client.post(
        url, {"name": "Taken over", "country": org.org_a.country_id, "kind": "other", "ecosoc_status": "none"}
    )

    org.org_a.refresh_from_db()
    assert (page.status_code, response.status_code) == (403, 403)
    assert org.org_a.name == "Org A"


def test_member_cannot_withdraw_another_members_application(org):
    url = reverse("applications:application_withdraw", args=[org.application_a.token])
    client = as_user(org.member)

    page = client.get(url)
    response = client.post(url, {"reason": "Not mine to withdraw"})

    org.application_a.refresh_from_db()
    assert (page.status_code, response.status_code) == (403, 403)
    assert org.application_a.status == Application.Status.SUBMITTED


def test_member_cannot_download_the_at_risk_file_of_another_members_application(org):
    Application.objects.filter(pk=org.application_a.pk).update(at_risk=True)
    org.application_a.refresh_from_db()
    url = with_file(org.application_a)

    refused = as_user(org.member).get(url)
    served = as_user(org.applicant_a).get(url)

    assert refused.status_code == 403
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"%PDF-1.4 secret"


# --- what a member keeps ------------------------------------------------------------------------------


def test_member_downloads_the_file_of_an_application_not_at_risk(org):
    url = with_file(org.application_a)

    response = as_user(org.member).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 secret"


def test_member_downloads_the_at_risk_file_of_their_own_application(org):
    Application.objects.filter(pk=org.draft_a.pk).delete()
    own = ApplicationFactory(
        presession=org.other_presession, organisation=org.org_a, created_by=org.member, at_risk=True
    )
    url = with_file(own, b"%PDF-1.4 mine")

    response = as_user(org.member).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 mine"


def test_member_cannot_download_an_at_risk_answer_file_of_another_members_application(org):
    question = CallQuestionFactory(round=org.round, kind="file")
    Application.objects.filter(pk=org.application_a.pk).update(at_risk=True)
    answer = org.application_a.answers.create(question=question)
    answer.file.save("a.pdf", ContentFile(b"%PDF-1.4 answer"), save=True)
    url = reverse("applications:answer_file", args=[org.application_a.token, question.pk])

    refused = as_user(org.member).get(url)
    served = as_user(org.applicant_a).get(url)

    assert (refused.status_code, served.status_code) == (403, 200)
    served.close()


def test_member_cannot_download_the_statement_file_of_an_at_risk_speaker_of_another_member(org):
    Application.objects.filter(pk=org.application_a.pk).update(
        at_risk=True, status=Application.Status.CONFIRMED
    )
    statement = Statement.objects.create(application=org.application_a)
    statement.file.save("statement.pdf", ContentFile(b"%PDF-1.7 said"), save=True)
    url = reverse("statements:file", args=[org.application_a.token])

    refused = as_user(org.member).get(url)
    served = as_user(org.applicant_a).get(url)

    assert (refused.status_code, served.status_code) == (403, 200)
    served.close()


def test_member_withdraws_an_application_they_created(org):
    Application.objects.filter(pk=org.draft_a.pk).delete()
    own = ApplicationFactory(
        presession=org.other_presession,
        organisation=org.org_a,
        created_by=org.member,
        status=Application.Status.SUBMITTED,
    )

    response = as_user(org.member).post(
        reverse("applications:application_withdraw", args=[own.token]), {"reason": "Speaker ill"}
    )

    own.refresh_from_db()
    assert response.status_code == 302
    assert own.status == Application.Status.WITHDRAWN


def test_member_edits_their_own_draft_but_not_another_members_draft(org):
    own = ApplicationFactory(presession=org.other_presession, organisation=org.org_b, created_by=org.member)
    OrganisationMembership.objects.create(user=org.member, organisation=org.org_b)
    client = as_user(org.member)

    mine = client.get(reverse("applications:application_edit", args=[own.token]))
    other = client.get(reverse("applications:application_edit", args=[org.draft_a.token]))

    assert (mine.status_code, other.status_code) == (200, 403)


def test_application_page_of_a_member_hides_withdraw_and_edit_of_another_members_application(org):
    response = as_user(org.member).get(reverse("applications:application_detail", args=[org.draft_a.token]))

    assert response.status_code == 200
    assert (response.context["can_edit"], response.context["can_withdraw"]) == (False, False)
    withdraw = reverse("applications:application_withdraw", args=[org.draft_a.token])
    assert withdraw not in response.content.decode()


# --- services refuse whoever calls them -----------------------------------------------------------------


def test_services_refuse_a_member_whatever_the_entry_point(org):
    code = org.org_a.join_token
    with pytest.raises(PermissionDenied):
        services.renew_join_token(organisation=org.org_a, actor=org.member)
    with pytest.raises(PermissionDenied):
        services.update_organisation(org.org_a, actor=org.member, name="Taken over")
    with pytest.raises(PermissionDenied):
        services.invite_to_organisation(organisation=org.org_a, email="x@example.org", invited_by=org.member)
    with pytest.raises(PermissionDenied):
        application_services.withdraw_application(org.application_a, actor=org.member, reason="x")
    with pytest.raises(PermissionDenied):
        application_services.update_draft_application(org.draft_a, user=org.member, speaker_name="X")
    with pytest.raises(PermissionDenied):
        application_services.submit_application(org.draft_a, actor=org.member)

    org.org_a.refresh_from_db()
    assert (org.org_a.join_token, org.org_a.name) == (code, "Org A")
    assert Application.objects.get(pk=org.application_a.pk).status == Application.Status.SUBMITTED
    assert OrganisationInvitation.objects.count() == 0


def test_refusal_of_a_service_is_a_domain_error_with_a_message(org):
    with pytest.raises(DomainError) as error:
        services.renew_join_token(organisation=org.org_a, actor=org.member)

    assert str(error.value) == "Only an administrator of the organisation may do this."


def test_draft_cannot_be_started_for_an_organisation_the_user_does_not_act_for(org):
    with pytest.raises(PermissionDenied):
        application_services.create_draft_application(
            presession=org.other_presession, organisation=org.org_b, user=org.member
        )
    assert Application.objects.filter(organisation=org.org_b).count() == 1


# --- organisation page ----------------------------------------------------------------------------------


def test_organisation_page_shows_admin_actions_to_admins_only(org):
    member_page = as_user(org.member).get(reverse("organisations:organisation_list")).content.decode()
    admin_page = as_user(org.applicant_a).get(reverse("organisations:organisation_list")).content.decode()
    renew = reverse("organisations:organisation_renew_token", args=[org.org_a.pk])
    members = reverse("organisations:organisation_members", args=[org.org_a.pk])

    assert org.org_a.join_token not in member_page
    assert renew not in member_page and members not in member_page
    assert reverse("organisations:organisation_leave", args=[org.org_a.pk]) in member_page
    assert org.org_a.join_token in admin_page
    assert renew in admin_page and members in admin_page


# --- members page: roles and removal --------------------------------------------------------------------


def test_members_page_lists_members_with_role_and_join_date_for_admins_only(org):
    url = reverse("organisations:organisation_members", args=[org.org_a.pk])

    refused = as_user(org.member).get(url)
    page = as_user(org.applicant_a).get(url)

    assert refused.status_code == 403
    assert [(m.user, m.role) for m in page.context["memberships"]] == [
        (org.applicant_a, Role.ADMIN),
        (org.member, Role.MEMBER),
    ]
    assert "<time datetime=" in page.content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_members_page_query_count_is_constant(org, django_assert_num_queries, count):
    for index in range(count - 1):
        colleague = applicant_for(org.org_b, email=f"x{index}@example.org")
        OrganisationMembership.objects.create(user=colleague, organisation=org.org_a)
    client = as_user(org.applicant_a)
    url = reverse("organisations:organisation_members", args=[org.org_a.pk])
    client.get(url)

    with django_assert_num_queries(6):
        response = client.get(url)

    assert len(response.context["memberships"]) == count + 1


def test_admin_removes_a_member_after_a_confirmation_page(org):
    url = member_url("organisation_member_remove", org, org.member)
    admin = as_user(org.applicant_a)
    code = org.org_a.join_token

    confirmation = admin.get(url)
    still_there = OrganisationMembership.objects.filter(user=org.member, organisation=org.org_a).exists()
    response = admin.post(url)

    org.org_a.refresh_from_db()
    assert confirmation.status_code == 200
    assert "joined@example.org" in confirmation.content.decode()
    assert still_there is True
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(user=org.member, organisation=org.org_a).exists()
    assert org.org_a.join_token != code  # the removed member knew the code


def test_removal_is_audited_with_the_admin_who_did_it(org):
    removed = membership(org, org.member)

    services.remove_member(removed, actor=org.applicant_a)

    record = OrganisationMembership.history.filter(id=removed.pk).latest()
    assert (record.history_type, record.history_user) == ("-", org.applicant_a)
    assert org.org_a.history.latest().history_user == org.applicant_a


def test_removed_member_loses_access_at_once_in_their_open_session(org):
    client = as_user(org.member)
    detail = reverse("applications:application_detail", args=[org.application_a.token])
    assert client.get(detail).status_code == 200

    services.remove_member(membership(org, org.member), actor=org.applicant_a)

    assert client.get(detail).status_code == 404
    assert client.get(with_file(org.application_a)).status_code == 404
    assert client.get(reverse("organisations:organisation_list")).context["organisations"].count() == 0
    assert client.post(reverse("organisations:organisation_leave", args=[org.org_a.pk])).status_code == 403


def test_removal_revokes_pending_invitations_the_removed_member_sent(org):
    OrganisationMembership.objects.filter(user=org.member).update(role=Role.ADMIN)
    services.invite_to_organisation(organisation=org.org_a, email="alt@example.org", invited_by=org.member)
    kept = services.invite_to_organisation(
        organisation=org.org_a, email="ok@example.org", invited_by=org.applicant_a
    )

    services.remove_member(membership(org, org.member), actor=org.applicant_a)

    assert list(OrganisationInvitation.objects.all()) == [kept]


def test_member_cannot_remove_anyone(org):
    url = member_url("organisation_member_remove", org, org.applicant_a)

    response = as_user(org.member).post(url)

    assert response.status_code == 403
    assert membership(org, org.applicant_a).role == Role.ADMIN
    with pytest.raises(PermissionDenied):
        services.remove_member(membership(org, org.applicant_a), actor=org.member)


def test_membership_of_another_organisation_is_not_found_through_this_one(org):
    other = OrganisationMembership.objects.get(user=org.applicant_b)
    url = reverse("organisations:organisation_member_remove", args=[org.org_a.pk, other.pk])

    response = as_user(org.applicant_a).post(url)

    assert response.status_code == 404
    assert OrganisationMembership.objects.filter(pk=other.pk).exists()


def test_admin_promotes_a_member_and_demotes_them_again(org):
    url = member_url("organisation_member_role", org, org.member)
    admin = as_user(org.applicant_a)

    admin.post(url, {"role": "admin"})
    promoted = membership(org, org.member).role
    admin.post(url, {"role": "member"})

    assert promoted == Role.ADMIN
    assert membership(org, org.member).role == Role.MEMBER
    record = OrganisationMembership.history.filter(id=membership(org, org.member).pk).latest()
    assert record.history_user == org.applicant_a


def test_role_change_is_post_only_and_refused_to_members(org):
    url = member_url("organisation_member_role", org, org.applicant_a)

    assert as_user(org.applicant_a).get(url).status_code == 405
    assert as_user(org.member).post(url, {"role": "member"}).status_code == 403
    assert membership(org, org.applicant_a).role == Role.ADMIN


def test_last_admin_cannot_demote_themselves(org):
    url = member_url("organisation_member_role", org, org.applicant_a)

    response = as_user(org.applicant_a).post(url, {"role": "member"}, follow=True)

    assert membership(org, org.applicant_a).role == Role.ADMIN
    assert "An organisation needs at least one administrator" in response.content.decode()
    with pytest.raises(OrganisationError):
        services.change_member_role(membership(org, org.applicant_a), role=Role.MEMBER, actor=org.applicant_a)


def test_unknown_role_is_refused(org):
    with pytest.raises(OrganisationError):
        services.change_member_role(membership(org, org.member), role="owner", actor=org.applicant_a)
    assert membership(org, org.member).role == Role.MEMBER


def test_admin_demotes_themselves_when_another_admin_exists(org):
    OrganisationMembership.objects.filter(user=org.member).update(role=Role.ADMIN)

    services.change_member_role(membership(org, org.applicant_a), role=Role.MEMBER, actor=org.applicant_a)

    assert membership(org, org.applicant_a).role == Role.MEMBER
    assert membership(org, org.member).role == Role.ADMIN


# --- leaving --------------------------------------------------------------------------------------------


def test_member_leaves_after_a_confirmation_page(org):
    url = reverse("organisations:organisation_leave", args=[org.org_a.pk])
    client = as_user(org.member)

    confirmation = client.get(url)
    response = client.post(url)

    assert confirmation.status_code == 200
    assert "Org A" in confirmation.content.decode()
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(user=org.member, organisation=org.org_a).exists()
    record = OrganisationMembership.history.filter(user_id=org.member.pk, history_type="-").get()
    assert record.history_user == org.member


def test_last_admin_cannot_leave(org):
    response = as_user(org.applicant_a).post(
        reverse("organisations:organisation_leave", args=[org.org_a.pk]), follow=True
    )

    assert membership(org, org.applicant_a).role == Role.ADMIN
    assert "An organisation needs at least one administrator" in response.content.decode()


def test_admin_leaves_when_another_admin_exists(org):
    OrganisationMembership.objects.filter(user=org.member).update(role=Role.ADMIN)

    services.leave_organisation(user=org.applicant_a, organisation=org.org_a)

    assert list(org.org_a.memberships.values_list("user", "role")) == [(org.member.pk, Role.ADMIN)]


def test_last_admin_cannot_be_removed_even_by_themselves(org):
    with pytest.raises(OrganisationError):
        services.remove_member(membership(org, org.applicant_a), actor=org.applicant_a)
    assert membership(org, org.applicant_a).role == Role.ADMIN


def test_non_member_cannot_leave_or_see_the_members(org):
    client = as_user(org.applicant_b)

    assert client.post(reverse("organisations:organisation_leave", args=[org.org_a.pk])).status_code == 403
    assert client.get(reverse("organisations:organisation_members", args=[org.org_a.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.leave_organisation(user=org.applicant_b, organisation=org.org_a)


# --- confirming a place and writing the statement follow the application ------------------------------


def test_member_cannot_confirm_or_decline_another_members_selected_application(org):
    from speakers.selection import services as selection_services

    Application.objects.filter(pk=org.application_a.pk).update(status=Application.Status.SELECTED)
    url = reverse("selection:respond", kwargs={"token": org.application_a.token})

    refused = as_user(org.member).post(url, {"answer": "decline", "reason": "Not me"})
    org.application_a.refresh_from_db()
    with pytest.raises(PermissionDenied):
        selection_services.respond_to_selection(org.application_a, actor=org.member, accept=False)

    assert refused.status_code == 403
    assert org.application_a.status == Application.Status.SELECTED
    as_user(org.applicant_a).post(url, {"answer": "confirm"})
    org.application_a.refresh_from_db()
    assert org.application_a.status == Application.Status.CONFIRMED


def test_member_reads_but_cannot_write_another_members_statement(org):
    from speakers.statements import services as statement_services

    Application.objects.filter(pk=org.application_a.pk).update(status=Application.Status.CONFIRMED)
    org.application_a.refresh_from_db()
    token = org.application_a.token

    with pytest.raises(PermissionDenied):
        statement_services.start_statement(org.application_a, actor=org.member)
    statement = statement_services.start_statement(org.application_a, actor=org.applicant_a)
    member = as_user(org.member)

    assert member.get(reverse("statements:detail", args=[token])).status_code == 200
    assert member.get(reverse("statements:edit", args=[token])).status_code == 403
    assert member.post(reverse("statements:submit", args=[token])).status_code == 403
    with pytest.raises(PermissionDenied):
        statement_services.save_statement(
            statement, actor=org.member, fields={"introduction": "Hijacked"}, sections={}
        )
    statement.refresh_from_db()
    assert statement.introduction == ""
    assert as_user(org.applicant_a).get(reverse("statements:edit", args=[token])).status_code == 200
