"""Every state change of organisations and their members. Views, commands and tasks call these.

Each service checks its acting user's right (the matrix is in ``rules.py``) with ``core.rules.require``,
which raises ``PermissionRefused`` (a ``DomainError`` and a ``PermissionDenied``). Changes of members lock
the organisation's row first, so two administrators acting at once can never leave it without one.
Every change is recorded by django-simple-history with the acting user (the audit trail).
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.links import absolute_url
from core.mail import one_line, queue_templated_mail
from core.ratelimits import consume
from core.rules import require
from core.tokens import new_token

from .models import Organisation, OrganisationInvitation, OrganisationMembership


class OrganisationError(DomainError):
    """A rule about organisations refused the change; ``str(error)`` is a message for the user."""


Role = OrganisationMembership.Role


def _require_admin(actor, organisation):
    require(
        actor,
        "speakers.manage_organisation",
        organisation,
        message=_("Only an administrator of the organisation may do this."),
    )


def create_organisation(*, user, **data):
    """Create an organisation with ``user`` as its first administrator."""
    with transaction.atomic():
        organisation = Organisation.objects.create(**data)
        OrganisationMembership.objects.create(
            user=user, organisation=organisation, role=OrganisationMembership.Role.ADMIN
        )
        if not user.is_applicant:
            user.is_applicant = True
            user.save(update_fields=["is_applicant"])
    return organisation


def update_organisation(organisation, *, actor, **data):
    """Change an organisation's details (its members and join code have their own services)."""
    _require_admin(actor, organisation)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        for name, value in data.items():
            setattr(locked, name, value)
        locked._history_user = actor
        locked.save()
    return locked


def join_organisation(*, user, organisation, role=OrganisationMembership.Role.MEMBER):
    """Add ``user`` to ``organisation`` (idempotent) and give them the applicant role."""
    with transaction.atomic():
        membership, _created = OrganisationMembership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        if not user.is_applicant:
            user.is_applicant = True
            user.save(update_fields=["is_applicant"])
    return membership


def join_organisation_by_token(*, user, token):
    """Join the organisation whose join token (or pending invitation token) this is."""
    organisation = Organisation.objects.filter(join_token=token).first()
    if organisation is not None:
        return join_organisation(user=user, organisation=organisation)
    with transaction.atomic():
        invitation = (
            OrganisationInvitation.objects.select_for_update()
            .select_related("organisation")
            .filter(token=token, accepted_at__isnull=True)
            .first()
        )
        if invitation is None:
            raise OrganisationError(_("This invitation link is not valid or has already been used."))
        if not user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists():
            raise OrganisationError(
                _(
                    "This invitation was sent to another e-mail address. "
                    "Sign in with that address to accept it."
                )
            )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        return join_organisation(user=user, organisation=invitation.organisation)


def renew_join_token(*, organisation, actor):
    """Revoke the organisation's join link and make a new one."""
    _require_admin(actor, organisation)
    return _renew_join_token(organisation, actor=actor)


def _renew_join_token(organisation, *, actor):
    organisation.join_token = new_token()
    organisation._history_user = actor
    organisation._change_reason = "join code renewed"
    organisation.save(update_fields=["join_token"])
    return organisation


def invite_to_organisation(*, organisation, email, invited_by):
    """Invite someone by e-mail to act for ``organisation``; the mail carries a one-use link.

    Rate-limited per inviting user and per organisation (``settings.ORGANISATION_INVITATION_LIMITS``):
    invitation mails go to addresses the applicant types, so they must not become a mass-mail relay.
    Administrators only: whoever is invited acts for the organisation.
    """
    _require_admin(invited_by, organisation)
    limits = settings.ORGANISATION_INVITATION_LIMITS
    if not (
        consume("organisation-invitation-user", invited_by.pk, *limits["user"])
        and consume("organisation-invitation-organisation", organisation.pk, *limits["organisation"])
    ):
        raise OrganisationError(_("Too many invitations were sent: try again later."))
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email=email.strip().lower(), invited_by=invited_by
    )
    queue_templated_mail(
        to=invitation.email,
        template_prefix="speakers/email/organisation_invitation",
        context={
            "organisation_name": one_line(organisation.name),
            "inviter_name": one_line(invited_by.get_full_name()),
            "link": absolute_url("organisations:organisation_join_token", token=invitation.token),
        },
        language=invited_by.language,
        idempotency_key=f"organisation-invitation:{invitation.pk}",
    )
    return invitation


# --- members ----------------------------------------------------------------------------------------


def _lock(organisation):
    """Lock the organisation's row: every change of its members runs one at a time."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _ensure_another_admin(membership):
    """Refuse when ``membership`` is the organisation's last administrator (call with the row locked)."""
    if membership.role != Role.ADMIN:
        return
    admins = OrganisationMembership.objects.filter(organisation=membership.organisation_id, role=Role.ADMIN)
    if not admins.exclude(pk=membership.pk).exists():
        raise OrganisationError(
            _(
                "An organisation needs at least one administrator: make another member an "
                "administrator first."
            )
        )


def _locked_membership(membership):
    """The locked organisation and the membership re-read under its lock (``None`` when gone meanwhile)."""
    organisation = _lock(membership.organisation)
    return organisation, OrganisationMembership.objects.filter(pk=membership.pk).first()


def _delete_membership(membership, *, actor, reason):
    membership._history_user = actor
    membership._change_reason = reason
    membership.delete()


def change_member_role(membership, *, role, actor):
    """Make a member an administrator, or an administrator a member (never the last administrator)."""
    if role not in Role.values:
        raise OrganisationError(_("Choose a role from the list."))
    with transaction.atomic():
        organisation, locked = _locked_membership(membership)
        _require_admin(actor, organisation)  # under the lock: an admin demoted meanwhile is refused
        if locked is None:
            raise OrganisationError(_("This person no longer acts for the organisation."))
        if locked.role == role:
            return locked
        if role != Role.ADMIN:
            _ensure_another_admin(locked)
        locked.role = role
        locked._history_user = actor
        locked._change_reason = f"role: {role}"
        locked.save(update_fields=["role"])
    return locked


def remove_member(membership, *, actor):
    """Remove someone from the organisation (never its last administrator).

    They lose every right at once (rights are read per request). The join code is renewed, since they
    knew it, and the invitations they sent that are still pending are revoked.
    """
    with transaction.atomic():
        organisation, locked = _locked_membership(membership)
        _require_admin(actor, organisation)
        if locked is None:
            return None
        _ensure_another_admin(locked)
        _delete_membership(locked, actor=actor, reason="removed by an administrator")
        _renew_join_token(organisation, actor=actor)
        pending = OrganisationInvitation.objects.filter(
            organisation=organisation, invited_by_id=locked.user_id, accepted_at__isnull=True
        )
        for invitation in pending:
            invitation._history_user = actor
            invitation._change_reason = "inviter removed"
            invitation.delete()
    return locked


def leave_organisation(*, user, organisation):
    """``user`` stops acting for ``organisation`` (the last administrator cannot)."""
    require(
        user,
        "speakers.leave_organisation",
        organisation,
        message=_("You do not act for this organisation."),
    )
    with transaction.atomic():
        _lock(organisation)
        membership = OrganisationMembership.objects.filter(organisation=organisation, user=user).first()
        if membership is None:
            return None
        _ensure_another_admin(membership)
        _delete_membership(membership, actor=user, reason="left")
    return membership
