"""A panel's guest list from rules staff combine: who would be invited, and why, before anything is sent.

The SuR's own Mission is always on the list (with the 2-minute opening). The other rules add Missions:
every Mission; the States that recommended to this SuR on the panel's issues in earlier reviews
(``upr.targeting``, with their counts and the personal sentence); the troika of the review; whole
regional groups; Missions picked by hand. A constant number of queries, whatever the number of Missions.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from embassies.missions.models import PermanentMission
from speakers.models import Application
from upr.models import Issue
from upr.targeting import TargetState, personal_sentence, target_states

from .models import Invitation

Reason = Invitation.Reason
PANEL_APPLICATIONS = (Application.Status.SELECTED, Application.Status.CONFIRMED)


@dataclass
class GuestRules:
    every: bool = False
    recommended: bool = False
    issues: list = field(default_factory=list)
    limit: int | None = None
    troika: bool = False
    groups: list = field(default_factory=list)  # regional group codes
    missions: list = field(default_factory=list)  # PermanentMission rows picked by hand


@dataclass
class Guest:
    mission: PermanentMission
    reasons: list
    target: TargetState | None = None
    invitation: Invitation | None = None

    @property
    def is_sur(self):
        return Reason.OWN in self.reasons

    @property
    def recommendation_count(self):
        return self.target.recommendation_count if self.target else 0

    def sentence(self, language=None):
        return personal_sentence(self.target, language) if self.target else ""

    def reason_labels(self):
        return [Reason(reason).label for reason in self.reasons]


def panel_issues(presession):
    """The issues of the panel: those of its selected and confirmed speakers' applications."""
    through = Application.issues.through
    return Issue.objects.filter(
        pk__in=through.objects.filter(
            application__presession=presession, application__status__in=PANEL_APPLICATIONS
        ).values("issue_id")
    ).order_by("name_en")


def build_guest_list(presession, rules):
    """``list[Guest]``: the SuR first, then by earlier recommendations (most first), then by name."""
    review = presession.review
    targets = {}
    if rules.recommended:
        found = target_states(review, rules.issues or [], limit=rules.limit)
        targets = {target.state.pk: target for target in found}
    troika = set(review.troika.values_list("pk", flat=True)) if rules.troika else set()
    picked = {mission.pk for mission in rules.missions}
    wanted = Q(state_id=review.state_id) | Q(state_id__in=targets) | Q(state_id__in=troika) | Q(pk__in=picked)
    if rules.groups:
        wanted |= Q(state__regional_group__code__in=rules.groups)
    missions = PermanentMission.objects.select_related("state__regional_group")
    if not rules.every:
        missions = missions.filter(wanted)
    invited = {
        invitation.mission_id: invitation
        for invitation in Invitation.objects.filter(presession=presession, mission__isnull=False)
    }
    guests = [
        Guest(
            mission=mission,
            reasons=_reasons(mission, review, rules, targets, troika, picked),
            target=targets.get(mission.state_id),
            invitation=invited.get(mission.pk),
        )
        for mission in missions
    ]
    guests.sort(key=lambda g: (not g.is_sur, -g.recommendation_count, g.mission.state.name_en))
    return guests


def _reasons(mission, review, rules, targets, troika, picked):
    state = mission.state
    group = state.regional_group.code if state.regional_group_id else None
    checks = (
        (Reason.OWN, state.pk == review.state_id),
        (Reason.RECOMMENDED, state.pk in targets),
        (Reason.TROIKA, state.pk in troika),
        (Reason.GROUP, group is not None and group in rules.groups),
        (Reason.PICKED, mission.pk in picked),
        (Reason.EVERY, rules.every),
    )
    return [str(reason) for reason, applies in checks if applies]
