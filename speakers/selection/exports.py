"""Staff exports of a Round's applications, scores and speakers (CSV/XLSX, formula-safe).

At-risk speakers keep their identity here (staff need it) but every row says so plainly.
"""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import cell_value, csv_bytes, xlsx_bytes

from ..review.selectors import criteria_for, criterion_averages, round_assessments
from .balance import ON_PANEL
from .selectors import round_applications

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _risk(application):
    return _("AT RISK: never publish") if application.at_risk else ""


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _round2(value):
    return round(float(value), 2) if value is not None else ""


def application_rows(round_):
    criteria = list(criteria_for(round_))
    averages = criterion_averages(round_)
    header = [
        _("Application"),
        _("State under Review"),
        _("Organisation"),
        _("Acronym"),
        _("Kind"),
        _("Country"),
        _("Speaker"),
        _("E-mail"),
        _("Gender"),
        _("Participation"),
        _("Issues"),
        _("Status"),
        _("Pending decision"),
        _("Average score"),
        _("Reviews"),
    ]
    header += [criterion.name for criterion in criteria] + [_("At risk")]
    rows = []
    for a in round_applications(round_):
        row = [
            a.pk,
            a.presession.review.state.name,
            a.organisation.name,
            a.organisation.acronym,
            a.organisation.get_kind_display(),
            a.organisation.country.name,
            a.speaker_name,
            a.speaker_email,
            a.get_speaker_gender_display(),
            a.get_participation_display(),
            "; ".join(issue.name for issue in a.issues.all()),
            a.get_status_display(),
            a.get_pending_decision_display(),
            _round2(a.average_score),
            a.review_count,
        ]
        row += [_round2(averages.get((a.pk, criterion.pk))) for criterion in criteria]
        rows.append(row + [_risk(a)])
    return header, rows


def score_rows(round_):
    criteria = list(criteria_for(round_))
    header = [_("Application"), _("State under Review"), _("Organisation"), _("Reviewer")]
    header += [criterion.name for criterion in criteria]
    header += [_("Weighted score"), _("Comment"), _("Submitted"), _("At risk")]
    rows = []
    for assessment in round_assessments(round_):
        a = assessment.application
        values = {score.criterion_id: score.value for score in assessment.scores.all()}
        row = [a.pk, a.presession.review.state.name, a.organisation.name, assessment.reviewer.email]
        row += [values.get(criterion.pk, "") for criterion in criteria]
        row += [_round2(assessment.total), assessment.comment, _when(assessment.submitted_at), _risk(a)]
        rows.append(row)
    return header, rows


def speaker_rows(round_):
    header = [
        _("State under Review"),
        _("Speaker"),
        _("Position"),
        _("E-mail"),
        _("Phone"),
        _("Gender"),
        _("Organisation"),
        _("Status"),
        _("Participation"),
        _("Languages"),
        _("Accessibility needs"),
        _("Visa support"),
        _("Travel support"),
        _("Available from"),
        _("Available until"),
        _("Name may be published"),
        _("At risk"),
    ]
    rows = []
    for a in round_applications(round_).filter(status__in=ON_PANEL):
        rows.append(
            [
                a.presession.review.state.name,
                a.speaker_name,
                a.speaker_position,
                a.speaker_email,
                a.speaker_phone,
                a.get_speaker_gender_display(),
                a.organisation.name,
                a.get_status_display(),
                a.get_participation_display(),
                ", ".join(a.speaker_languages or []),
                a.accessibility_needs,
                a.needs_visa_support,
                a.needs_travel_support,
                a.travel_from or "",
                a.travel_to or "",
                a.consent_publish_name and not a.at_risk,
                _risk(a),
            ]
        )
    return header, rows


KINDS = {"applications": application_rows, "scores": score_rows, "speakers": speaker_rows}


def export_round(round_, kind, fmt):
    """``(content, content_type, filename)`` of one export; unknown kinds or formats are a 404."""
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    header, rows = KINDS[kind](round_)
    filename = f"presessions-{round_.number}-{kind}.{fmt}"
    if fmt == "csv":
        return csv_bytes(header, rows), FORMATS[fmt], filename
    return (
        xlsx_bytes(header, [[cell_value(cell) for cell in row] for row in rows], title=kind),
        FORMATS[fmt],
        filename,
    )
