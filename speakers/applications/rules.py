"""Permissions of applications (django-rules predicates named like questions).

Who may do what with an organisation's applications is the matrix in ``speakers/organisations/rules.py``:
administrators handle every application of their organisation, members only the ones they created;
an at-risk speaker's files go only to those who handle the application.
"""

import rules

from core.rules import is_secretariat

from ..organisations.models import OrganisationMembership
from ..organisations.rules import may_apply, role_in


@rules.predicate
def is_application_member(user, application):
    return application is not None and role_in(user, application.organisation_id) is not None


@rules.predicate
def is_application_admin(user, application):
    """Administrator of the application's organisation."""
    return (
        application is not None
        and role_in(user, application.organisation_id) == OrganisationMembership.Role.ADMIN
    )


@rules.predicate
def is_application_creator(user, application):
    return application is not None and user.is_authenticated and application.created_by_id == user.pk


@rules.predicate
def is_at_risk(user, application):
    return application is not None and application.at_risk


@rules.predicate
def is_draft(user, application):
    return application is not None and application.status == application.Status.DRAFT


@rules.predicate
def can_be_withdrawn(user, application):
    return application is not None and application.can_become(application.Status.WITHDRAWN)


# The creator only while they still act for the organisation: a removed member loses their applications.
acts_for_application = (is_application_creator & is_application_member) | is_application_admin

rules.add_perm("speakers.view_application", is_secretariat | (may_apply & is_application_member))
rules.add_perm("speakers.act_for_application", may_apply & acts_for_application)
rules.add_perm("speakers.change_application", may_apply & is_draft & acts_for_application)
rules.add_perm("speakers.submit_application", may_apply & is_draft & acts_for_application)
rules.add_perm("speakers.withdraw_application", may_apply & can_be_withdrawn & acts_for_application)
rules.add_perm(
    "speakers.download_application_files",
    is_secretariat | (may_apply & is_application_member & (~is_at_risk | acts_for_application)),
)
