"""Reads of organisations, already scoped to the user and already joined."""

from django.db.models import Prefetch

from .models import Organisation, OrganisationMembership


def organisations_of(user):
    """The organisations ``user`` acts for, with their members."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(memberships__user=user)
        .select_related("country")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=OrganisationMembership.objects.select_related("user").order_by("pk")
            )
        )
        .order_by("name")
    )
