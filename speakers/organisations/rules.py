"""Permissions of organisations and of applying (django-rules predicates named like questions)."""

import rules
from allauth.account.models import EmailAddress

from core.rules import is_signed_in


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


may_apply = is_signed_in & has_verified_email

rules.add_perm("speakers.apply", may_apply)
rules.add_perm("speakers.change_organisation", may_apply & is_organisation_member)
