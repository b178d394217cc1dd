"""The staff upload form of a recommendations import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .loader import parse_review
from .sources import OHCHR_MATRIX, UPR_INFO_CSV, SourceError, check_size


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A UPR Info CSV export or an OHCHR thematic list of recommendations (.docx)."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Recognise from the content")),
            (UPR_INFO_CSV, _("UPR Info CSV export")),
            (OHCHR_MATRIX, _("OHCHR matrix (.docx)")),
        ],
    )
    review = forms.CharField(
        label=_("Review"),
        required=False,
        max_length=12,
        help_text=_("For an OHCHR matrix that does not name its Review: ISO3:SESSION, e.g. SVN:20."),
    )
    dry_run = forms.BooleanField(label=_("Dry run (report only, write nothing)"), required=False)

    def clean_review(self):
        value = self.cleaned_data["review"].strip()
        if value:
            try:
                parse_review(value)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from None
        return value

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size, upload.name)
        except SourceError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
