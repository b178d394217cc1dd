"""Figures of a Round for the staff dashboard: one row per Presession plus totals and SVG charts."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..applications.models import Application
from ..organisations.models import Organisation
from .balance import ON_PANEL, is_national, panel_indicators
from .charts import bar_chart
from .selectors import round_applications


@dataclass
class PanelFigures:
    presession: object
    applications: int
    selected: int
    indicators: object


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def round_dashboard(round_):
    rows = list(round_applications(round_))
    by_presession = {}
    for row in rows:
        by_presession.setdefault(row.presession_id, []).append(row)
    presessions = round_.presessions.select_related("review__state").order_by("review__state__name_en")
    panels = []
    for presession in presessions:
        items = by_presession.get(presession.pk, [])
        panels.append(
            PanelFigures(
                presession=presession,
                applications=sum(1 for r in items if r.status != Application.Status.WITHDRAWN),
                selected=sum(1 for r in items if r.status in ON_PANEL),
                indicators=panel_indicators(items, round_.min_viable_applicants),
            )
        )
    chosen = [r for r in rows if r.status in ON_PANEL]
    totals = {
        "applications": sum(p.applications for p in panels),
        "selected": len(chosen),
        "women_percent": _percent(
            sum(1 for r in chosen if r.speaker_gender == Application.Gender.WOMAN), len(chosen)
        ),
        "national_percent": _percent(sum(1 for r in chosen if is_national(r)), len(chosen)),
        "nhri_panels": sum(1 for p in panels if p.indicators.nhri_present),
        "nhri_applications": sum(1 for r in rows if r.organisation.kind == Organisation.Kind.NHRI),
        "below_minimum": [p for p in panels if p.indicators.below_minimum],
    }
    top = max([p.applications for p in panels] + [1])
    charts = [
        bar_chart(
            _("Applications per State under Review"),
            _("Number of applications received for each Pre-session; panels below the minimum are marked."),
            [
                (p.presession.review.state.name, p.applications, p.applications, p.indicators.below_minimum)
                for p in panels
            ],
            maximum=top,
        ),
        bar_chart(
            _("Selected speakers per State under Review"),
            _("Number of selected or confirmed speakers for each Pre-session."),
            [(p.presession.review.state.name, p.selected, p.selected, False) for p in panels],
            maximum=top,
        ),
    ]
    return {"panels": panels, "totals": totals, "charts": charts}
