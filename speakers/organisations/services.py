"""Every state change of organisations and their members. Views, commands and tasks call these."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.links import absolute_url
from core.mail import one_line, queue_templated_mail
from core.tokens import new_token

from .models import Organisation, OrganisationInvitation, OrganisationMembership


class OrganisationError(DomainError):
    """A rule about organisations refused the change; ``str(error)`` is a message for the user."""


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


def renew_join_token(*, organisation):
    """Revoke the organisation's join link and make a new one."""
    organisation.join_token = new_token()
    organisation.save(update_fields=["join_token"])
    return organisation


def invite_to_organisation(*, organisation, email, invited_by):
    """Invite someone by e-mail to act for ``organisation``; the mail carries a one-use link."""
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
