"""django-import-export for recommendations: the staff's admin import with a preview.

``RecommendationResource`` imports one row per recommendation with natural keys: ``review`` as
``ISO3:SESSION``, recommending States as ISO3 codes (in order), issues as slugs. The natural key is
``(review, text_key)``; a missing ``text_key`` is computed from the text. Many-to-many links are written
row by row by ``save_m2m`` — never with ``use_bulk``, which silently writes no many-to-many links.

Two import formats turn the published files into such rows through the same readers, resolver and
merging as ``manage.py import_recommendations``: ``UPRInfoCSVFormat`` (any encoding) and
``OHCHRMatrixFormat`` (.docx naming its Review). Any error of the file is shown on the import form and
nothing is imported.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.formats.base_formats import Format

from core.importexport import StrictManyToManyWidget
from core.spreadsheets import FormulaSafeExportMixin
from upr.importing.keys import text_key
from upr.importing.loader import prepare
from upr.importing.matching import CARRIED
from upr.importing.sources import OHCHR_MATRIX, UPR_INFO_CSV, SourceError, check_size
from upr.models import Issue, Recommendation, RecommendingState, Review, State

COLUMNS = [
    "review",
    "text",
    "text_key",
    "recommending_states",
    "paragraph",
    "response",
    "action_category",
    "issues",
    "ohchr_themes",
    "groups_of_persons",
    "sdgs",
    "source_document",
    "source_file",
    "source_line",
]
REQUIRED_COLUMNS = ("review", "text")


class ReviewWidget(widgets.ForeignKeyWidget):
    """``AFG:5`` ↔ the Review of Afghanistan in WG session 5."""

    def __init__(self):
        super().__init__(Review)
        self.reviews = None  # {(ISO3, session): Review}, loaded once per import by ``preload``

    def preload(self):
        """One query for every Review, instead of one per imported row."""
        self.reviews = {
            (review.state.iso3, review.session.number): review
            for review in Review.objects.select_related("state", "session")
        }

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        if self.reviews is None:
            self.preload()
        iso3, _sep, session = str(value).partition(":")
        try:
            return self.reviews[(iso3.strip().upper(), int(session))]
        except (ValueError, KeyError):
            raise ValueError(
                _("No Review “%(value)s” (expected ISO3:SESSION of an existing Review).") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return f"{value.state.iso3}:{value.session.number}" if value else ""


class RecommendationResource(FormulaSafeExportMixin, resources.ModelResource):
    review = fields.Field(attribute="review", column_name="review", widget=ReviewWidget())
    recommending_states = fields.Field(
        attribute="recommending_states",
        column_name="recommending_states",
        widget=StrictManyToManyWidget(
            State, "iso3", message=gettext_lazy("Unknown State “%(value)s”."), normalise=str.upper
        ),
    )
    issues = fields.Field(
        attribute="issues",
        column_name="issues",
        widget=StrictManyToManyWidget(Issue, "slug", message=gettext_lazy("Unknown issue “%(value)s”.")),
    )
    ohchr_themes = fields.Field(
        attribute="ohchr_themes", column_name="ohchr_themes", widget=widgets.JSONWidget()
    )
    groups_of_persons = fields.Field(
        attribute="groups_of_persons", column_name="groups_of_persons", widget=widgets.JSONWidget()
    )
    sdgs = fields.Field(attribute="sdgs", column_name="sdgs", widget=widgets.JSONWidget())

    class Meta:
        model = Recommendation
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ["review", "text_key"]
        skip_unchanged = True
        report_skipped = True
        use_bulk = False  # never: bulk mode writes no many-to-many links
        clean_model_instances = False

    def before_import(self, dataset, **kwargs):
        headers = list(dataset.headers or [])
        for column in REQUIRED_COLUMNS:
            if column not in headers:
                raise ValueError(
                    _("The file has no “%(column)s” column (required: %(required)s).")
                    % {"column": column, "required": ", ".join(REQUIRED_COLUMNS)}
                )
        if "text_key" not in headers:  # computed from the text, row by row (before_import_row)
            if dataset.height:
                dataset.append_col([""] * dataset.height, header="text_key")
            else:
                dataset.headers = [*headers, "text_key"]
        self.fields["review"].widget.preload()  # Reviews may have changed since the last import

    def before_import_row(self, row, **kwargs):
        if not row.get("text_key"):
            row["text_key"] = text_key(row.get("text") or "")
        for name in ("ohchr_themes", "groups_of_persons", "sdgs"):
            if row.get(name) in (None, ""):
                row[name] = "[]"
        for name in ("paragraph", "response", "source_document", "source_file"):
            if row.get(name) is None:
                row[name] = ""

    def import_instance(self, instance, row, **kwargs):
        """Field errors, unknown States/issues and an unknown response are all errors of the row."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for name in ("recommending_states", "issues"):
            field = self.fields[name]
            if field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc), code="invalid")
        if instance.response not in {"", *Recommendation.Response.values}:
            errors["response"] = ValidationError(
                _("Unknown response “%(value)s”.") % {"value": instance.response}, code="invalid"
            )
        if errors:
            raise ValidationError(errors)

    def save_m2m(self, instance, row, **kwargs):
        """Issues through the widget; recommending States rewritten in their published order."""
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        issues = self.fields["issues"]
        if issues.column_name in row:
            issues.save(instance, row, is_m2m=True, **kwargs)
        states = self.fields["recommending_states"]
        if states.column_name in row:
            wanted = [state.pk for state in states.clean(row)]
            current = list(instance.state_links.order_by("order", "id").values_list("state_id", flat=True))
            if wanted != current:
                instance.state_links.all().delete()
                RecommendingState.objects.bulk_create(
                    RecommendingState(recommendation=instance, state_id=state_id, order=order)
                    for order, state_id in enumerate(wanted)
                )


def _dataset_from(data, kind):
    """Rows of ``COLUMNS`` from a published file, or ValueError with the whole report."""
    import tablib  # noqa: PLC0415

    try:
        check_size(len(data), _("the uploaded file"))
    except SourceError as exc:
        raise ValueError(str(exc)) from None
    report, recommendations, names = prepare([(_("uploaded file"), data)], format=kind)
    if not report.ok:
        raise ValueError(report.render())
    overlapping = sorted(
        {names.review_label(i.review_id) for i in recommendations if i.format == CARRIED or i.absorbed_ids}
    )
    if overlapping:
        # Row-by-row import cannot merge rows into matrix paragraphs (nor delete the merged rows).
        raise ValueError(
            _(
                "Recommendations from the other source (UPR Info or OHCHR matrix) already cover "
                "%(reviews)s: import this file on the staff page “Import recommendations” "
                "(/staff/recommendations/import/) or with the import_recommendations command, which "
                "match them paragraph by paragraph."
            )
            % {"reviews": ", ".join(overlapping)}
        )
    dataset = tablib.Dataset(headers=COLUMNS)
    for item in recommendations:
        dataset.append(
            [
                names.review_label(item.review_id),
                item.text,
                item.key,
                ",".join(names.iso3(s) for s in item.state_ids),
                item.paragraph,
                item.response,
                item.action_category if item.action_category is not None else "",
                ",".join(sorted(names.issue_slug(i) for i in item.issue_ids)),
                _json(item.ohchr_themes),
                _json(item.groups_of_persons),
                _json(item.sdgs),
                item.source_document,
                item.file,
                item.line,
            ]
        )
    return dataset


def _json(value):
    import json  # noqa: PLC0415

    return json.dumps(value, ensure_ascii=False)


class _PublishedFormat(Format):
    KIND = ""
    TITLE = ""
    EXTENSION = ""

    def __init__(self, encoding=None):
        self.encoding = encoding  # ignored: the encoding is recognised from the bytes

    def get_title(self):
        return self.TITLE

    def create_dataset(self, in_stream):
        return _dataset_from(
            in_stream if isinstance(in_stream, bytes) else in_stream.encode("utf-8"), self.KIND
        )

    def get_extension(self):
        return self.EXTENSION

    def can_import(self):
        return True


class UPRInfoCSVFormat(_PublishedFormat):
    KIND = UPR_INFO_CSV
    TITLE = gettext_lazy("UPR Info CSV export (any encoding)")
    EXTENSION = "csv"


class OHCHRMatrixFormat(_PublishedFormat):
    KIND = OHCHR_MATRIX
    TITLE = gettext_lazy("OHCHR matrix (.docx)")
    EXTENSION = "docx"
