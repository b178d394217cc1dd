"""Permissions of organisations and of applying (django-rules predicates named like questions).

Rights in an organisation, by ``OrganisationMembership.role`` (issue 12, finding 9). The pages check
these permissions through ``core.access.guard``; the services check the same ones on their acting user
(``core.rules.require``), so no other entry point skips them.

Right                                          Admin  Member               Permission (speakers.…)
---------------------------------------------  -----  -------------------  ------------------------
See the organisation and its people            yes    yes                  view_organisation
Leave it (not the last administrator)          yes    yes                  leave_organisation
Start an application for it                    yes    yes                  apply_for_organisation
Edit, submit, withdraw an application          any    own only             act_for_application
Download an application's or statement's file  any    not at risk, or own  download_application_files
Edit the profile; see and renew the join code  yes    no                   manage_organisation
Invite by e-mail; remove members; change roles yes    no                   manage_organisation

(Permission names are ``speakers.<name>``; the statement file: ``statements.download_statement_file``.)

- "Own" application: the one the member created (``Application.created_by``) while they still act for
  the organisation. An application whose creator was deleted can be handled by administrators only.
- The join code lets anyone join as a member, so only administrators see it; removing a member renews
  it (the removed member knew it) and revokes the invitations they sent that are still pending.
- An organisation always keeps at least one administrator: the last one can neither be demoted, nor
  removed, nor leave (``services.OrganisationError``). Anyone may leave otherwise.
- Whoever registers an organisation is its first administrator; whoever joins (code or invitation)
  is a member, whom an administrator may promote.
- Every right needs a signed-in user with a verified e-mail (``may_apply``), except leaving.
- Staff: unchanged. ``/my/`` pages show staff only the organisations they act for; they manage the
  others in the admin. Only starting a draft accepts the secretariat for any organisation (the demo and
  the admin start drafts on an organisation's behalf).
- Rights are read from the database on every request and every service call: a removed member or a
  demoted administrator loses them at once, open sessions included.
"""

import rules
from allauth.account.models import EmailAddress

from core.rules import is_secretariat, is_signed_in

from .models import OrganisationMembership

ADMIN = OrganisationMembership.Role.ADMIN


@rules.predicate
def has_verified_email(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    cached = getattr(user, "_has_verified_email", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._has_verified_email = cached
    return cached


def role_in(user, organisation_id):
    """``user``'s role in the organisation (``"admin"``, ``"member"``) or ``None``: one query, no cache."""
    if organisation_id is None or not (user and user.is_authenticated):
        return None
    return (
        OrganisationMembership.objects.filter(user_id=user.pk, organisation_id=organisation_id)
        .values_list("role", flat=True)
        .first()
    )


@rules.predicate
def is_organisation_member(user, organisation):
    return organisation is not None and role_in(user, organisation.pk) is not None


@rules.predicate
def is_organisation_admin(user, organisation):
    return organisation is not None and role_in(user, organisation.pk) == ADMIN


may_apply = is_signed_in & has_verified_email

rules.add_perm("speakers.apply", may_apply)
rules.add_perm("speakers.view_organisation", may_apply & is_organisation_member)
rules.add_perm("speakers.apply_for_organisation", is_secretariat | (may_apply & is_organisation_member))
rules.add_perm("speakers.manage_organisation", may_apply & is_organisation_admin)
rules.add_perm("speakers.leave_organisation", is_signed_in & is_organisation_member)
