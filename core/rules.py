"""Permission predicates shared by every app (django-rules), and ``require`` for services."""

import rules
from django.utils.translation import gettext as _

from .errors import PermissionRefused


def require(user, perm, obj=None, *, message=None):
    """Raise ``PermissionRefused`` unless ``user`` holds ``perm`` (on ``obj``).

    Services call it with their acting user, so a form, a command or a task obeys the same rule as the
    guarded view. Checked afresh on every call: a role changed a moment ago counts.
    """
    if user is None or not user.has_perm(perm, obj):
        raise PermissionRefused(message or _("You are not allowed to do this."))


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
