"""Permission predicates shared by every app (django-rules)."""

import rules


@rules.predicate
def is_secretariat(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_reviewer(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_reviewer)


@rules.predicate
def is_applicant(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_applicant)


@rules.predicate
def is_diplomat(user):
    return bool(user and user.is_authenticated and user.is_active and user.is_diplomat)


@rules.predicate
def is_signed_in(user):
    return bool(user and user.is_authenticated and user.is_active)


rules.add_perm("core.view_dashboard", is_signed_in)
rules.add_perm("core.view_outbox", is_secretariat)
rules.add_perm("core.resend_mail", is_secretariat)
rules.add_perm("core.change_own_profile", is_signed_in)
rules.add_perm("core.view_audit", is_secretariat)
