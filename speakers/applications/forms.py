"""Forms of applications: starting one, filling it in, withdrawing it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import DocumentField
from core.widgets import CheckboxGroups, DateInput, InlineRadioSelect
from presessions.models import CallQuestion
from upr.models import Issue

from ..organisations.models import Organisation
from .models import Application
from .services import REQUIRED_TO_SUBMIT, answer_field

SPEAKER_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
]


class StartApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


# The application in sections, each a fieldset with an anchor (``#section-<key>``); the round's own
# questions come before "Consent and safety" (``ApplicationForm.sections``).
SECTIONS = [
    ("organisation", _("Organisation"), ["coalition_members", "coalition_partners"]),
    (
        "submission",
        _("Stakeholder submission"),
        ["submission_mode", "submission_reference", "submission_file"],
    ),
    ("issues", _("Issues"), ["issues"]),
    (
        "speaker",
        _("Speaker"),
        [
            "speaker_name",
            "speaker_position",
            "speaker_email",
            "speaker_phone",
            "speaker_gender",
            "speaker_gender_description",
            "speaker_languages",
            "participation",
            "accessibility_needs",
            "needs_visa_support",
            "needs_travel_support",
            "travel_from",
            "travel_to",
        ],
    ),
    (
        "consent",
        _("Consent and safety"),
        ["consent_publish_name", "consent_publish_organisation", "consent_publish_photo", "at_risk"],
    ),
]
YES_NO = [("True", _("Yes")), ("False", _("No"))]


def issue_theme(issue):
    """An issue's group on the form: its theme, in the themes' order."""
    themes = list(Issue.Theme)
    theme = Issue.Theme(issue.theme)
    return themes.index(theme), theme.label


class ApplicationForm(forms.ModelForm):
    """The whole application, in sections (``SECTIONS``), plus the round's own questions.

    Drafts may be saved incomplete; what a submission needs (``services.missing_for_submission``) is
    marked "(required)" and ``aria-required`` through ``required_to_submit``.
    """

    submission_file = DocumentField(label=_("Submission file (PDF, DOCX or ODT)"), required=False)
    speaker_languages = forms.MultipleChoiceField(
        label=_("Languages the speaker can use"),
        choices=SPEAKER_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = [name for _key, _title, names in SECTIONS for name in names]
        widgets = {
            "issues": CheckboxGroups(filter_label=_("Find an issue"), group_by=issue_theme),
            "coalition_members": forms.CheckboxSelectMultiple,
            "submission_mode": InlineRadioSelect,
            "participation": InlineRadioSelect,
            "travel_from": DateInput(),
            "travel_to": DateInput(),
            "coalition_partners": forms.Textarea(attrs={"rows": 3}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, questions=(), answers=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = Issue.objects.order_by("name_en")
        # Only organisations the applicant acts for: the list of registered organisations is not public
        # (some are at risk). Partners not listed here go in "other coalition partners".
        self.fields["coalition_members"].queryset = (
            Organisation.objects.filter(memberships__user=user).exclude(pk=self.instance.organisation_id)
            if user is not None
            else Organisation.objects.none()
        )
        if not self.fields["coalition_members"].queryset.exists():
            del self.fields["coalition_members"]
        self.fields["speaker_name"].widget.attrs["autocomplete"] = "name"
        self.questions = list(questions)
        answers = answers or {}
        for question in self.questions:
            self.fields[answer_field(question)] = self._field_for(question, answers.get(question.pk))
        self.required_to_submit = set(REQUIRED_TO_SUBMIT) | {
            answer_field(q) for q in self.questions if q.required
        }
        for name in self.required_to_submit:
            widget = self.fields[name].widget
            if not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                widget.attrs["aria-required"] = "true"

    def _field_for(self, question, answer):
        # Drafts may be saved incomplete: required questions are checked when submitting.
        common = {"label": question.label, "help_text": question.help_text, "required": False}
        if question.kind == CallQuestion.Kind.YES_NO:
            field = forms.NullBooleanField(widget=InlineRadioSelect(choices=YES_NO), **common)
            field.initial = answer.boolean if answer else None
        elif question.kind == CallQuestion.Kind.CHOICE:
            options = [("", "—")] + [(option, option) for option in question.choice_list]
            field = forms.ChoiceField(choices=options, **common)
            field.initial = answer.choice if answer else ""
        elif question.kind == CallQuestion.Kind.FILE:
            field = DocumentField(**common)
            field.initial = answer.file if answer and answer.file else None
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
            field.initial = answer.text if answer else ""
        return field

    def sections(self):
        """``{"key", "title", "fields"}`` per section, the round's questions second to last."""
        result = [
            {"key": key, "title": title, "fields": [self[name] for name in names if name in self.fields]}
            for key, title, names in SECTIONS
        ]
        if self.questions:
            questions = [self[answer_field(q)] for q in self.questions]
            result.insert(-1, {"key": "questions", "title": _("Questions"), "fields": questions})
        return result

    def problems(self, missing=()):
        """The error summary, in the form's order: ``{"anchor", "label", "message"}`` per error when the
        form is bound and invalid, else per item the saved draft still lacks (``MissingItem``)."""
        order = [field.name for section in self.sections() for field in section["fields"]]
        if self.is_bound and self.errors:
            items = [{"anchor": "", "label": "", "message": error} for error in self.non_field_errors()]
            for name in order:
                items += [
                    {"anchor": self[name].auto_id, "label": self[name].label, "message": error}
                    for error in self.errors.get(name, ())
                ]
            return items
        rank = {name: index for index, name in enumerate(order)}
        known = sorted((item for item in missing if item.field in rank), key=lambda item: rank[item.field])
        return [{"anchor": self[item.field].auto_id, "label": item.label, "message": ""} for item in known]

    def clean(self):
        data = super().clean()
        start, end = data.get("travel_from"), data.get("travel_to")
        if start and end and end < start:
            self.add_error("travel_to", _("The end of the travel window cannot be before its start."))
        return data

    def answers(self):
        return {q: self.cleaned_data.get(answer_field(q)) for q in self.questions}

    def model_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
