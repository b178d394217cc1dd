"""Balance and viability of a panel, computed from board rows (no queries here).

A row is an Application annotated by ``speakers.review.selectors.with_scores`` with its issues prefetched.
"""

from collections import Counter
from dataclasses import dataclass, field

from ..applications.models import Application
from ..organisations.models import Organisation

Status = Application.Status
ON_PANEL = (Status.SELECTED, Status.CONFIRMED)
VIABLE = (Status.SUBMITTED, Status.SELECTED, Status.RESERVE, Status.CONFIRMED)
WOMEN_TARGET = (0.5, 0.7)
PANEL_SIZE = (3, 5)


def outcome(application):
    """The outcome the board currently plans: the pending decision, else the applied status."""
    return application.pending_decision or application.status


def is_national(application):
    return application.organisation.kind in (Organisation.Kind.NATIONAL_NGO, Organisation.Kind.NHRI)


def share(part, whole):
    return round(part / whole, 2) if whole else None


@dataclass
class PanelIndicators:
    selected_count: int
    viable_count: int
    minimum: int
    themes: list = field(default_factory=list)
    overlapping_themes: list = field(default_factory=list)
    women_share: float | None = None
    national_share: float | None = None
    nhri_present: bool = False

    @property
    def below_minimum(self):
        return self.viable_count < self.minimum

    @property
    def women_in_range(self):
        return self.women_share is not None and WOMEN_TARGET[0] <= self.women_share <= WOMEN_TARGET[1]

    @property
    def size_in_range(self):
        return PANEL_SIZE[0] <= self.selected_count <= PANEL_SIZE[1]

    @property
    def women_percent(self):
        return None if self.women_share is None else round(self.women_share * 100)

    @property
    def national_percent(self):
        return None if self.national_share is None else round(self.national_share * 100)


def panel_indicators(rows, minimum):
    """Indicators over the applications planned for the panel (pending decisions included)."""
    rows = list(rows)
    chosen = [row for row in rows if outcome(row) in ON_PANEL]
    counts = Counter(issue for row in chosen for issue in row.issues.all())
    return PanelIndicators(
        selected_count=len(chosen),
        viable_count=sum(1 for row in rows if row.status in VIABLE),
        minimum=minimum,
        themes=sorted(counts, key=str),
        overlapping_themes=sorted((issue for issue, n in counts.items() if n > 1), key=str),
        women_share=share(
            sum(1 for row in chosen if row.speaker_gender == Application.Gender.WOMAN), len(chosen)
        ),
        national_share=share(sum(1 for row in chosen if is_national(row)), len(chosen)),
        nhri_present=any(row.organisation.kind == Organisation.Kind.NHRI for row in chosen),
    )


def has_vacancy(rows):
    """A selected speaker declined, or withdrew after being selected (only they get a deadline)."""
    return any(
        row.status == Status.DECLINED
        or (row.status == Status.WITHDRAWN and row.confirmation_deadline is not None)
        for row in rows
    )


def best_reserve(rows):
    """The reserve that best fills a free place: new themes first, then gender balance, then score."""
    rows = list(rows)
    panel = [row for row in rows if row.status in ON_PANEL]
    themes = {issue.pk for row in panel for issue in row.issues.all()}
    women = sum(1 for row in panel if row.speaker_gender == Application.Gender.WOMAN)
    needs_women = not panel or women / len(panel) < WOMEN_TARGET[0]
    needs_nhri = not any(row.organisation.kind == Organisation.Kind.NHRI for row in panel)
    candidates = [row for row in rows if row.status == Status.RESERVE and outcome(row) == Status.RESERVE]
    if not candidates:
        return None

    def rank(row):
        issues = {issue.pk for issue in row.issues.all()}
        adds_theme = bool(issues - themes)
        no_overlap = not (issues & themes)
        balances = (needs_women and row.speaker_gender == Application.Gender.WOMAN) or (
            needs_nhri and row.organisation.kind == Organisation.Kind.NHRI
        )
        score = row.average_score if row.average_score is not None else -1
        return (not no_overlap, not adds_theme, not balances, -score, row.pk)

    return min(candidates, key=rank)
