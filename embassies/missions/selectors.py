"""Reads of Missions and diplomats, with what their pages show loaded up front."""

from django.db.models import Count, Prefetch, Q

from .models import Diplomat, PermanentMission


def missions_for_list(*, query="", group=""):
    """Missions with their State, group and active-diplomat count, filtered by a search and a group.

    ``query`` matches the State's names or ISO3 code, the Mission's e-mail, or a diplomat's name or
    e-mail; ``group`` is a regional group code, or ``"observer"`` for the observer States.
    """
    missions = PermanentMission.objects.select_related("state__regional_group").annotate(
        active_diplomats=Count("diplomats", filter=Q(diplomats__status=Diplomat.Status.ACTIVE))
    )
    query = query.strip()
    if query:
        matching = Diplomat.objects.filter(Q(name__icontains=query) | Q(email__icontains=query))
        missions = missions.filter(
            Q(state__name_en__icontains=query)
            | Q(state__name_fr__icontains=query)
            | Q(state__name_es__icontains=query)
            | Q(state__iso3__iexact=query)
            | Q(email__icontains=query)
            | Q(pk__in=matching.values("mission_id"))
        )
    if group == "observer":
        missions = missions.filter(state__regional_group__isnull=True)
    elif group:
        missions = missions.filter(state__regional_group__code=group)
    return missions.order_by("state__name_en")


def mission_with_diplomats(iso3):
    """One Mission (by its State's ISO3) with its diplomats, their portfolios and successors."""
    diplomats = Diplomat.objects.select_related("successor").prefetch_related("issues")
    return (
        PermanentMission.objects.select_related("state__regional_group")
        .prefetch_related(Prefetch("diplomats", queryset=diplomats.order_by("status", "name")))
        .get(state__iso3=iso3.upper())
    )


def diplomat_of(mission, pk):
    return Diplomat.objects.select_related("mission__state").get(mission=mission, pk=pk)
