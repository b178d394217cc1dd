"""Every CSV/XLSX export goes through here: one formula rule and one XLSX writer, used by all apps.

- ``neutralise_formula``: text a spreadsheet would run as a formula gets a leading apostrophe.
- ``spreadsheet_value``: that, after replacing the characters an XLSX file cannot hold (C0 controls
  other than tab, line feed and carriage return; U+FFFE/U+FFFF; lone surrogates) with U+FFFD, so a
  hostile ``\\x1b[31m`` in a name shows as "�[31m" instead of crashing the export.
- ``cell_value``: any Python value as a cell (``None`` empty, booleans yes/no, decimals as numbers),
  through ``spreadsheet_value``.
- ``csv_bytes``: the one CSV writer for whole files (tablib, UTF-8 with a BOM); large streamed exports
  (``upr.exports``) write rows themselves but through ``spreadsheet_value`` too.
- ``xlsx_bytes``: the one XLSX writer (streaming mode, bold header, every cell through
  ``spreadsheet_value``).
- ``FormulaSafeExportMixin``: the same for django-import-export resources (admin exports).
"""

import io
import re
from decimal import Decimal

import tablib

# A spreadsheet runs a cell that starts with one of these as a formula (or a DDE command).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot carry these; openpyxl refuses the first range with IllegalCharacterError.
XLSX_ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT_CHARACTER = "\ufffd"


def neutralise_formula(value):
    """Text that a spreadsheet would evaluate gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_value(value):
    """A value safe for any spreadsheet cell: characters XLSX cannot hold replaced, formulas defused."""
    if isinstance(value, str):
        return neutralise_formula(XLSX_ILLEGAL_CHARACTERS.sub(REPLACEMENT_CHARACTER, value))
    return value


def cell_value(value):
    """Any value ready for a cell: numbers unchanged, text made safe, ``None`` empty, booleans yes/no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float):
        return value
    return spreadsheet_value(str(value))


def csv_bytes(header, rows):
    """CSV bytes (UTF-8 with a BOM, so spreadsheet programs pick the encoding); every cell through
    ``cell_value``."""
    dataset = tablib.Dataset(headers=[cell_value(cell) for cell in header])
    for row in rows:
        dataset.append([cell_value(cell) for cell in row])
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")


def xlsx_bytes(header, rows, title):
    """An XLSX workbook (bytes) with one sheet ``title``: a bold ``header`` row, then ``rows``."""
    from openpyxl import Workbook  # noqa: PLC0415 - only exports need openpyxl
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    bold = Font(bold=True)
    header_cells = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=spreadsheet_value(str(value)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([spreadsheet_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class FormulaSafeExportMixin:
    """For django-import-export resources: every exported value goes through ``spreadsheet_value``.

    (import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` only strips a leading ``=``.)
    """

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_value(super().export_field(field, instance, **kwargs))
