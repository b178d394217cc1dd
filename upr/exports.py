"""CSV (streamed) and XLSX exports of recommendation search results, safe to open in a spreadsheet."""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# A spreadsheet runs a cell that starts with one of these as a formula (or DDE command).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_CHUNK_SIZE = 2000


def neutralise_formula(value):
    """Text that a spreadsheet would evaluate gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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


def export_row(recommendation):
    review = recommendation.review
    states = [link.state for link in recommendation.ordered_state_links]
    return [
        review.session.number,
        review.session.cycle.number,
        review.state.iso3,
        review.state.name,
        "; ".join(state.iso3 for state in states),
        "; ".join(state.name for state in states),
        recommendation.paragraph,
        recommendation.text,
        recommendation.get_response_display() if recommendation.response else "",
        recommendation.action_category or "",
        "; ".join(issue.name for issue in recommendation.issues.all()),
        recommendation.source_document,
    ]


def iter_rows(queryset):
    """Header then one list per recommendation, formula-neutralised; reads the queryset in chunks."""
    yield [neutralise_formula(cell) for cell in export_header()]
    for recommendation in queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        yield [neutralise_formula(cell) for cell in export_row(recommendation)]


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
    """The whole result as an XLSX workbook (bytes), written in openpyxl's streaming mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    rows = iter_rows(queryset)
    header = []
    for value in next(rows):
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
