"""Permissions of organisations and applications (django-rules predicates named like questions)."""

import rules
from allauth.account.models import EmailAddress

from core.rules import is_secretariat, is_signed_in


@rules.predicate
def has_verified_email(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_has_verified_email", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._has_verified_email = cached
    return cached


@rules.predicate
def is_organisation_member(user, organisation):
    if organisation is None or not user.is_authenticated:
        return False
    return organisation.memberships.filter(user=user).exists()


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


may_apply = is_signed_in & has_verified_email

rules.add_perm("speakers.apply", may_apply)
rules.add_perm("speakers.change_organisation", may_apply & is_organisation_member)
rules.add_perm("speakers.view_application", is_secretariat | (may_apply & is_application_member))
rules.add_perm("speakers.change_application", may_apply & is_application_member & is_draft)
rules.add_perm("speakers.submit_application", may_apply & is_application_member & is_draft)
rules.add_perm("speakers.withdraw_application", may_apply & is_application_member & can_be_withdrawn)

# Review and selection permissions (speakers-review).
from . import rules_review  # noqa: E402, F401
