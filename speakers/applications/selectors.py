"""Reads of applications, already scoped to the user and already joined."""

from django.db.models import Prefetch

from .models import Application, ApplicationEvent


def applications_visible_to(user):
    """Staff see every application; anyone else only those of the organisations they act for."""
    queryset = Application.objects.select_related(
        "organisation__country", "presession__round", "presession__review__state"
    )
    if not user.is_authenticated:
        return queryset.none()
    if user.is_staff:
        return queryset
    return queryset.filter(organisation__memberships__user=user)


def application_with_timeline(queryset, token):
    """One application with everything its page shows (events, issues, answers)."""
    return (
        queryset.prefetch_related(
            "issues",
            "coalition_members",
            Prefetch(
                "events",
                queryset=ApplicationEvent.objects.select_related("actor").order_by("created_at", "pk"),
            ),
            "answers__question",
        )
        .filter(token=token)
        .first()
    )
