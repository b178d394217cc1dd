"""Attendance figures per panel and per round (a constant number of queries), and their charts."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from embassies.invitations.models import Invitation
from presessions.models import Presession
from upr.charts import stacked_bar_chart
from upr.models import RegionalGroup

from .models import CheckIn

OBSERVER = "observer"


@dataclass
class PanelFigures:
    presession: Presession
    invited: int = 0
    answered: int = 0
    expected_missions: int = 0
    expected_delegates: int = 0
    attended_missions: int = 0
    attended_delegates: int = 0
    walk_ins: int = 0
    sur_present: bool = False
    by_group: Counter = field(default_factory=Counter)

    @property
    def group_counts(self):
        """``[(group code, Missions present)]`` by code, for templates (a Counter answers 0 to any key)."""
        return sorted(self.by_group.items())


@dataclass
class RoundFigures:
    panels: list
    groups: list
    attended_missions: int = 0
    attended_delegates: int = 0
    by_group: Counter = field(default_factory=Counter)

    @property
    def delegates_per_panel(self):
        held = [p for p in self.panels if p.attended_delegates]
        return round(sum(p.attended_delegates for p in held) / len(held), 1) if held else 0


def _group(code):
    return code or OBSERVER


def round_figures(round_):
    """Figures of every panel of ``round_`` that is not cancelled, and the round's totals."""
    panels = list(
        Presession.objects.filter(round=round_)
        .exclude(status=Presession.Status.CANCELLED)
        .select_related("review__state")
        .order_by("starts_at", "review__order", "review__state__name_en")
    )
    live = Q(kind=Invitation.Kind.GUEST, status=Invitation.Status.SENT)
    yes = Q(response=Invitation.Response.YES)
    invitations = {
        row["presession_id"]: row
        for row in Invitation.objects.filter(live, presession__in=panels)
        .values("presession_id")
        .annotate(
            invited=Count("pk"),
            answered=Count("pk", filter=~Q(response=Invitation.Response.PENDING)),
            expected_missions=Count("pk", filter=yes),
            expected_delegates=Sum("delegates", filter=yes, default=0),
        )
    }
    checkins = CheckIn.objects.filter(presession__in=panels).values_list(
        "presession_id", "mission_id", "mission__state_id", "mission__state__regional_group__code", "walk_in"
    )
    missions = defaultdict(dict)
    figures = {p.pk: PanelFigures(p, **_counts(invitations.get(p.pk))) for p in panels}
    round_missions = {}
    for presession_id, mission_id, state_id, group, walk_in in checkins:
        panel = figures[presession_id]
        panel.attended_delegates += 1
        panel.walk_ins += walk_in
        missions[presession_id][mission_id] = _group(group)
        round_missions[mission_id] = _group(group)
        panel.sur_present |= state_id == panel.presession.review.state_id
    for presession_id, groups in missions.items():
        figures[presession_id].attended_missions = len(groups)
        figures[presession_id].by_group = Counter(groups.values())
    return RoundFigures(
        panels=list(figures.values()),
        groups=[(g.code, g.abbreviation or g.code) for g in RegionalGroup.objects.order_by("code")]
        + [(OBSERVER, _("Observers"))],
        attended_missions=len(round_missions),
        attended_delegates=sum(p.attended_delegates for p in figures.values()),
        by_group=Counter(round_missions.values()),
    )


def _counts(row):
    if row is None:
        return {}
    return {key: row[key] for key in ("invited", "answered", "expected_missions", "expected_delegates")}


def panel_chart(figures):
    rows = [
        (
            str(panel.presession.review.state),
            (panel.attended_missions, max(panel.expected_missions - panel.attended_missions, 0)),
        )
        for panel in figures.panels
    ]
    return stacked_bar_chart(
        chart_id="attendance-panels",
        title=_("Missions per panel"),
        rows=rows,
        series=(_("present"), _("expected, not present")),
        describe=lambda values: (
            _("%(present)d present, %(absent)d expected but not present")
            % {"present": values[0], "absent": values[1]}
        ),
    )


def group_chart(figures):
    rows = [(label, (figures.by_group.get(code, 0),)) for code, label in figures.groups]
    return stacked_bar_chart(
        chart_id="attendance-groups",
        title=_("Missions present in the round, per regional group"),
        rows=rows,
        series=(_("Missions"),),
        describe=lambda values: (
            ngettext("%(count)d Mission", "%(count)d Missions", values[0]) % {"count": values[0]}
        ),
    )


def export_rows(figures):
    """Header and rows of the per-panel figures (for CSV/XLSX)."""
    header = [
        _("State under Review"),
        _("Starts"),
        _("Invited"),
        _("Answered"),
        _("Missions expected"),
        _("Delegates expected"),
        _("Missions present"),
        _("Delegates present"),
        _("Walk-ins"),
        _("Own Mission present"),
        *(label for _code, label in figures.groups),
    ]
    rows = [
        [
            str(p.presession.review.state),
            timezone.localtime(p.presession.starts_at).isoformat() if p.presession.starts_at else "",
            p.invited,
            p.answered,
            p.expected_missions,
            p.expected_delegates,
            p.attended_missions,
            p.attended_delegates,
            p.walk_ins,
            _("yes") if p.sur_present else _("no"),
            *(p.by_group.get(code, 0) for code, _label in figures.groups),
        ]
        for p in figures.panels
    ]
    return [str(h) for h in header], rows
