"""CSV (streamed) and XLSX exports of recommendation search results, safe to open in a spreadsheet."""

import csv
from collections import defaultdict
from itertools import islice

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.spreadsheets import neutralise_formula, xlsx_bytes
from core.translation import SUPPORTED
from upr.models import Recommendation, RecommendationIssue, RecommendingState

EXPORT_CHUNK_SIZE = 2000
XLSX_MAX_ROWS = 20_000


def xlsx_max_rows():
    """Largest result exported as XLSX (``settings.UPR_XLSX_EXPORT_MAX_ROWS``); CSV has no limit."""
    return getattr(settings, "UPR_XLSX_EXPORT_MAX_ROWS", XLSX_MAX_ROWS)


def export_header():
    return [
        # Translators: a UPR Working Group session number.
        _("Session"),
        _("Cycle"),
        _("State under Review (ISO3)"),
        _("State under Review"),
        _("Recommending States (ISO3)"),
        _("Recommending States"),
        _("Paragraph"),
        _("Text"),
        pgettext("recommendation response", "Response"),
        _("Action category"),
        _("Issues"),
        _("Source document"),
    ]


def _language():
    language = (translation.get_language() or "en")[:2]
    return language if language in SUPPORTED else "en"


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _names_by_recommendation(model, ids, *, name_field, extra_field, order_field, language):
    """``{recommendation id: [(extra, localised name)]}`` for the links of ``ids``, by ``order_field``."""
    rows = (
        model.objects.filter(recommendation_id__in=ids)
        .order_by("recommendation_id", order_field, "id")
        .values_list("recommendation_id", extra_field, f"{name_field}_{language}", f"{name_field}_en")
    )
    grouped = defaultdict(list)
    for recommendation_id, extra, name, name_en in rows:
        grouped[recommendation_id].append((extra, name or name_en))
    return grouped


def iter_rows(queryset):
    """Header then one list per recommendation, formula-neutralised.

    Reads flat rows (no model instances: an export of 40,000 rows must not take minutes) in chunks of
    ``EXPORT_CHUNK_SIZE``, with two queries per chunk for the recommending States and the issues.
    """
    language = _language()
    responses = {value: str(label) for value, label in Recommendation.Response.choices}
    yield [neutralise_formula(cell) for cell in export_header()]
    rows = queryset.prefetch_related(None).values_list(
        "id",
        "review__session__number",
        "review__session__cycle__number",
        "review__state__iso3",
        f"review__state__name_{language}",
        "review__state__name_en",
        "paragraph",
        "text",
        "response",
        "action_category",
        "source_document",
    )
    for chunk in _chunks(rows.iterator(chunk_size=EXPORT_CHUNK_SIZE), EXPORT_CHUNK_SIZE):
        ids = [row[0] for row in chunk]
        states = _names_by_recommendation(
            RecommendingState,
            ids,
            name_field="state__name",
            extra_field="state__iso3",
            order_field="order",
            language=language,
        )
        issues = _names_by_recommendation(
            RecommendationIssue,
            ids,
            name_field="issue__name",
            extra_field="issue__slug",
            order_field="issue__name_en",
            language=language,
        )
        for pk, session, cycle, iso3, name, name_en, paragraph, text, response, category, document in chunk:
            links = states.get(pk, [])
            row = [
                session,
                cycle,
                iso3,
                name or name_en,
                "; ".join(code for code, _name in links),
                "; ".join(name for _code, name in links),
                paragraph,
                text,
                responses.get(response, ""),
                category or "",
                "; ".join(name for _slug, name in issues.get(pk, [])),
                document,
            ]
            yield [neutralise_formula(cell) for cell in row]


class _Echo:
    def write(self, value):
        return value


def iter_csv(queryset):
    """CSV lines (UTF-8 with a byte-order mark, so that spreadsheets read accents) for streaming."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in iter_rows(queryset):
        yield writer.writerow(row)


def build_xlsx(queryset, title):
    """The whole result as an XLSX workbook (bytes), through the one export writer."""
    rows = iter_rows(queryset)
    return xlsx_bytes(next(rows), rows, title)
