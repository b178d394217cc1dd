"""Reads for briefs: the compiled content of a panel's brief, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from presessions.models import Presession
from speakers.statements.models import Statement, StatementRecommendation, StatementSection
from upr.charts import stacked_bar_chart
from upr.history import Counts
from upr.models import Recommendation, RecommendationIssue, RecommendingState

from .models import Brief

SUPPORTED = Recommendation.Response.SUPPORTED
NOTED = Recommendation.Response.NOTED


@dataclass
class Speaker:
    """A speaker as the brief shows them: name and organisation only with consent."""

    name: str
    organisation: str
    anonymous_label: str
    statement: Statement


@dataclass
class IssueBlock:
    issue: object
    counts: Counts
    earlier: list = field(default_factory=list)  # Recommendations followed up, with States and response
    suggested: list = field(default_factory=list)  # StatementRecommendations of the panel


@dataclass
class CompiledBrief:
    brief: Brief
    presession: Presession
    speakers: list
    issues: list
    chart: object

    @property
    def state(self):
        return self.presession.review.state


def presessions_with_briefs(round_):
    """Staff list: the round's panels with their brief and the number of approved statements."""
    return (
        Presession.objects.filter(round=round_)
        .select_related("review__state", "room", "brief")
        .annotate(
            approved_count=Count(
                "applications__statement",
                filter=Q(applications__statement__status=Statement.Status.APPROVED),
            )
        )
        .order_by("starts_at", "review__order", "review__state__name_en")
    )


def panel(token):
    return (
        Presession.objects.select_related(
            "round", "review__state", "review__session", "room", "moderator_user"
        )
        .filter(token=token)
        .first()
    )


def brief_of(presession):
    """The panel's brief; an unsaved, empty one until staff first save it."""
    return Brief.objects.filter(presession=presession).first() or Brief(presession=presession)


def approved_statements(presession, brief):
    """Approved statements of speakers not at risk, in the brief's order (then the running order).

    Loads only what the brief prints (no events or versions): it runs on every cached rebuild.
    """
    sections = StatementSection.objects.select_related("issue").prefetch_related(
        Prefetch("followed_up", queryset=Recommendation.objects.only("pk")),
        Prefetch("recommendations", queryset=StatementRecommendation.objects.prefetch_related("states")),
    )
    statements = list(
        Statement.objects.filter(
            application__presession=presession,
            status=Statement.Status.APPROVED,
            application__at_risk=False,
        )
        .select_related("application__organisation", "application__slot")
        .prefetch_related(Prefetch("sections", queryset=sections))
    )
    position = {pk: index for index, pk in enumerate(brief.statement_order)}
    statements.sort(
        key=lambda s: (
            position.get(s.pk, len(position)),
            getattr(getattr(s.application, "slot", None), "position", 0),
            s.pk,
        )
    )
    return statements


def _speaker(statement):
    application = statement.application
    organisation = application.organisation
    label = _("A national organisation") if organisation.is_national else _("An international organisation")
    return Speaker(
        name=application.speaker_name if application.consent_publish_name else "",
        organisation=organisation.name if application.consent_publish_organisation else "",
        anonymous_label=label,
        statement=statement,
    )


def _issue_counts(presession, issue_ids):
    rows = (
        RecommendationIssue.objects.filter(
            recommendation__review__state_id=presession.review.state_id,
            recommendation__review__session__number__lt=presession.review.session.number,
            issue_id__in=issue_ids,
        )
        .values_list("issue_id", "recommendation__response")
        .annotate(n=Count("id"))
        .order_by()
    )
    totals = defaultdict(lambda: [0, 0, 0])
    for issue_id, response, n in rows:
        totals[issue_id][0 if response == SUPPORTED else 1 if response == NOTED else 2] += n
    return {issue_id: Counts(*values) for issue_id, values in totals.items()}


def _earlier(recommendation_ids):
    return {
        rec.pk: rec
        for rec in Recommendation.objects.filter(pk__in=recommendation_ids)
        .select_related("review__session__cycle")
        .prefetch_related(Prefetch("state_links", queryset=RecommendingState.objects.select_related("state")))
    }


def compile_brief(presession, brief=None):
    """Everything the brief shows, in the active language."""
    brief = brief or brief_of(presession)
    statements = approved_statements(presession, brief)
    blocks, followed = {}, defaultdict(list)
    for statement in statements:
        for section in statement.sections.all():
            block = blocks.setdefault(section.issue_id, IssueBlock(issue=section.issue, counts=Counts()))
            block.suggested.extend(section.recommendations.all())
            followed[section.issue_id].extend(rec.pk for rec in section.followed_up.all())
    counts = _issue_counts(presession, list(blocks))
    earlier = _earlier({pk for pks in followed.values() for pk in pks})
    for issue_id, block in blocks.items():
        block.counts = counts.get(issue_id, Counts())
        block.earlier = [earlier[pk] for pk in dict.fromkeys(followed[issue_id])]
    issues = sorted(blocks.values(), key=lambda b: b.issue.name)
    return CompiledBrief(
        brief=brief,
        presession=presession,
        speakers=[_speaker(statement) for statement in statements],
        issues=issues,
        chart=_chart(presession, issues),
    )


def _describe(values):
    supported, noted, other = values
    text = _("%(supported)d supported, %(noted)d noted") % {"supported": supported, "noted": noted}
    if other:
        text += ", " + _("%(count)d without response") % {"count": other}
    return text


def _chart(presession, issues):
    return stacked_bar_chart(
        chart_id=f"brief-{presession.pk}",
        title=_("Earlier recommendations to %(state)s by issue and response")
        % {"state": presession.state.name},
        rows=[(b.issue.name, (b.counts.supported, b.counts.noted, b.counts.other)) for b in issues],
        series=[SUPPORTED.label, NOTED.label, _("No response recorded")],
        describe=_describe,
    )
