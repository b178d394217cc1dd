"""CSV and XLSX exports of attendance: every cell through ``core.spreadsheets`` (formula-safe)."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import spreadsheet_value, xlsx_bytes

from .models import CheckIn

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def checkin_rows(round_):
    header = [_("State under Review"), _("Mission"), _("Delegate"), _("Walk-in"), _("Checked in at")]
    checkins = (
        CheckIn.objects.filter(presession__round=round_)
        .select_related("presession__review__state", "mission__state")
        .order_by("presession__starts_at", "presession_id", "mission__state__name_en", "name")
    )
    rows = [
        [
            str(c.presession.review.state),
            str(c.mission.state),
            c.name,
            _("yes") if c.walk_in else _("no"),
            timezone.localtime(c.checked_in_at).isoformat(timespec="minutes"),
        ]
        for c in checkins
    ]
    return header, rows


def spreadsheet_response(header, rows, *, filename, file_format, title):
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title=title), content_type=XLSX)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([spreadsheet_value(str(value)) for value in header])
        writer.writerows([spreadsheet_value(value) for value in row] for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
