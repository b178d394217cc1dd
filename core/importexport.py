"""What every django-import-export admin of the project shares.

``ImportExportAdminMixin`` (put it before import-export's admin mixins):
- importing needs the add and the change permission on the model (an import creates and updates rows),
  exporting needs the view permission (the admin's own meaning: view or change). Without them the
  import/export pages answer 403 and their buttons are hidden. The ``IMPORT_EXPORT_*_PERMISSION_CODE``
  settings give the same floor to any admin that forgets the mixin;
- a file that cannot be read shows its reason (a ``ValueError`` message) on the form; never a
  traceback (``templates/admin/import_export/import.html`` drops import-export's traceback of errors).

Import formats: ``StrictCSV`` refuses a row whose column count differs from the header's (tablib would
pad a short row, and fail without a message on a long one); ``SafeXLSX`` checks the archive against
``core.archives`` limits before openpyxl inflates it. Both refuse files above ``UPLOAD_MAX_BYTES``.
``StrictManyToManyWidget`` refuses unknown natural keys instead of dropping them silently.
"""

import csv
import io

from django.conf import settings
from django.utils.translation import gettext as _
from import_export import widgets
from import_export.formats.base_formats import CSV, XLSX

from core.archives import DOCUMENT_LIMITS, open_archive


class ImportExportAdminMixin:
    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def add_data_read_fail_error_to_form(self, form, e):
        """Our formats and readers explain a file they refuse with a ValueError: show that message."""
        if isinstance(e, ValueError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)


def _check_size(size):
    limit = settings.UPLOAD_MAX_BYTES
    if size > limit:
        raise ValueError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.1f}"}
        )


class StrictCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        import tablib  # noqa: PLC0415 - as import-export does

        _check_size(len(in_stream))
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        reader = csv.reader(io.StringIO(in_stream))
        try:
            header = next(reader, [])
            dataset = tablib.Dataset(headers=header)
            for row in reader:
                if not row:
                    continue
                if len(row) != len(header):
                    raise ValueError(
                        _("Line %(line)s has %(found)s columns; the header has %(expected)s.")
                        % {"line": reader.line_num, "found": len(row), "expected": len(header)}
                    )
                dataset.append(row)
        except csv.Error as exc:
            raise ValueError(
                _("Line %(line)s cannot be read as CSV (%(error)s).")
                % {"line": reader.line_num, "error": exc}
            ) from None
        return dataset


class SafeXLSX(XLSX):
    def create_dataset(self, in_stream):
        _check_size(len(in_stream))
        with open_archive(io.BytesIO(in_stream), DOCUMENT_LIMITS):
            pass
        return super().create_dataset(in_stream)


IMPORT_FORMATS = [StrictCSV, SafeXLSX]


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like import-export's, but an unknown value is an error of its row, and the order is kept.

    ``message`` names the value, e.g. ``gettext_lazy("Unknown State “%(value)s”.")``; ``normalise``
    is applied to each value before the look-up (e.g. ``str.upper`` for ISO3 codes).
    """

    def __init__(self, model, field, *, message, normalise=None, separator=","):
        super().__init__(model, field=field, separator=separator)
        self.message = message
        self.normalise = normalise or (lambda value: value)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return []
        parts = (self.normalise(part.strip()) for part in str(value).split(self.separator))
        wanted = [item for item in dict.fromkeys(parts) if item]
        matches = self.model.objects.filter(**{f"{self.field}__in": wanted})
        found = {getattr(obj, self.field): obj for obj in matches}
        for item in wanted:
            if item not in found:
                raise ValueError(self.message % {"value": item})
        return [found[item] for item in wanted]
