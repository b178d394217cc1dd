"""Reads of applications, already scoped to the user and already joined."""

from django.db.models import Prefetch

from .models import Application, ApplicationEvent


def applications_of(user):
    """The applications of the organisations ``user`` belongs to, whoever the user is (staff included:
    they see other organisations' applications on the staff pages, never under ``/my/``)."""
    queryset = Application.objects.select_related(
        "organisation__country", "presession__round", "presession__review__state"
    )
    if not user.is_authenticated:
        return queryset.none()
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
