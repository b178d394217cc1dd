"""Permissions of applications (django-rules predicates named like questions)."""

import rules

from core.rules import is_secretariat

from ..organisations.rules import may_apply


@rules.predicate
def is_application_member(user, application):
    if application is None or not user.is_authenticated:
        return False
    return application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_draft(user, application):
    return application is not None and application.status == application.Status.DRAFT


@rules.predicate
def can_be_withdrawn(user, application):
    return application is not None and application.can_become(application.Status.WITHDRAWN)


rules.add_perm("speakers.view_application", is_secretariat | (may_apply & is_application_member))
rules.add_perm("speakers.change_application", may_apply & is_application_member & is_draft)
rules.add_perm("speakers.submit_application", may_apply & is_application_member & is_draft)
rules.add_perm("speakers.withdraw_application", may_apply & is_application_member & can_be_withdrawn)
