"""Reads of invitations, with what their pages show loaded up front."""

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum

from presessions.models import Presession, Round

from .models import Invitation


def panel_by_token(token):
    return Presession.objects.select_related("round", "review__state", "review__session").get(token=token)


def invitations_of(presession):
    """The panel's invitations (guests and moderators), Missions by name, withdrawn ones last."""
    return (
        Invitation.objects.filter(presession=presession)
        .select_related("mission__state__regional_group", "recorded_by")
        .annotate(withdrawn=ExpressionWrapper(Q(status=Invitation.Status.CANCELLED), BooleanField()))
        .order_by("kind", "withdrawn", "mission__state__name_en", "recipient_name")
    )


def invitation_counts(presession):
    """``{"listed", "sent", "answered", "yes", "delegates"}`` for the panel's guests, in one query."""
    live = Q(kind=Invitation.Kind.GUEST) & ~Q(status=Invitation.Status.CANCELLED)
    return Invitation.objects.filter(presession=presession).aggregate(
        listed=Count("pk", filter=live & Q(status=Invitation.Status.LISTED)),
        sent=Count("pk", filter=live & Q(status=Invitation.Status.SENT)),
        answered=Count("pk", filter=live & ~Q(response=Invitation.Response.PENDING)),
        yes=Count("pk", filter=live & Q(response=Invitation.Response.YES)),
        delegates=Sum("delegates", filter=live & Q(response=Invitation.Response.YES), default=0),
    )


PENDING = Invitation.Response.PENDING


def panels_with_invitation_counts():
    """The panels of every round not archived, newest round first, with their invitation figures."""
    live = ~Q(invitations__status=Invitation.Status.CANCELLED) & Q(invitations__kind=Invitation.Kind.GUEST)
    return (
        Presession.objects.exclude(round__status=Round.Status.ARCHIVED)
        .select_related("round", "review__state")
        .annotate(
            listed=Count("invitations", filter=live & Q(invitations__status=Invitation.Status.LISTED)),
            sent=Count("invitations", filter=live & Q(invitations__status=Invitation.Status.SENT)),
            answered=Count("invitations", filter=live & ~Q(invitations__response=PENDING)),
            attending=Count("invitations", filter=live & Q(invitations__response=Invitation.Response.YES)),
        )
        .order_by("-round__number", "review__order", "review__state__name_en")
    )
