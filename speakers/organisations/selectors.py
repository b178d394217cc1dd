"""Reads of organisations, already scoped to the user and already joined."""

from django.db.models import OuterRef, Prefetch, Subquery

from .models import Organisation, OrganisationMembership


def organisations_of(user):
    """The organisations ``user`` acts for, with their members and ``user_role``: the user's own role
    there (``"admin"`` or ``"member"``), so a page shows each organisation's actions without a query each."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    own_role = OrganisationMembership.objects.filter(organisation=OuterRef("pk"), user=user).values("role")
    return (
        Organisation.objects.filter(memberships__user=user)
        .annotate(user_role=Subquery(own_role[:1]))
        .select_related("country")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=OrganisationMembership.objects.select_related("user").order_by("pk")
            )
        )
        .order_by("name")
    )


def members_of(organisation):
    """The memberships of ``organisation`` with their users: administrators first, then by joining date."""
    return (
        OrganisationMembership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "joined_at", "pk")
    )
