"""Formula-safe tabular files (CSV and XLSX) for staff exports.

A cell that a spreadsheet would read as a formula (starting with ``= + - @`` or a tab/CR) gets a
leading apostrophe, so a hostile organisation name cannot run anything on a staff member's machine.
"""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from core.spreadsheets import neutralise_formula


def neutralise(value):
    """Return ``value`` ready for a cell: numbers unchanged, text defused, ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float):
        return value
    return neutralise_formula(str(value))


def to_csv(header, rows):
    """CSV bytes (UTF-8 with BOM so spreadsheet programs pick the encoding)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, rows, title):
    """XLSX bytes with one sheet; every text cell stored as a string, never as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    sheet.append([str(neutralise(cell)) for cell in header])
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
