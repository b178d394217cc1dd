"""Forms of applications: starting one, filling it in, withdrawing it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import DocumentField
from core.widgets import DateInput
from presessions.models import CallQuestion
from upr.models import Issue

from ..organisations.models import Organisation
from .models import Application

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


SECTIONS = [
    (_("Organisation"), ["coalition_members", "coalition_partners"]),
    (_("Stakeholder submission"), ["submission_mode", "submission_reference", "submission_file"]),
    (_("Issues"), ["issues"]),
    (
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
        _("Consent and safety"),
        ["consent_publish_name", "consent_publish_organisation", "consent_publish_photo", "at_risk"],
    ),
]


class ApplicationForm(forms.ModelForm):
    """The whole application, in fieldsets (``SECTIONS``), plus the round's own questions."""

    submission_file = DocumentField(label=_("Submission file (PDF, DOCX or ODT)"), required=False)
    speaker_languages = forms.MultipleChoiceField(
        label=_("Languages the speaker can use"),
        choices=SPEAKER_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = [name for _title, names in SECTIONS for name in names]
        widgets = {
            "issues": forms.CheckboxSelectMultiple,
            "coalition_members": forms.CheckboxSelectMultiple,
            "submission_mode": forms.RadioSelect,
            "participation": forms.RadioSelect,
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
            self.fields[self.question_field(question)] = self._field_for(question, answers.get(question.pk))

    @staticmethod
    def question_field(question):
        return f"question_{question.pk}"

    def _field_for(self, question, answer):
        # Drafts may be saved incomplete: required questions are checked when submitting.
        common = {"label": question.label, "help_text": question.help_text, "required": False}
        if question.kind == CallQuestion.Kind.YES_NO:
            field = forms.NullBooleanField(widget=forms.NullBooleanSelect, **common)
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
        """(title, bound fields) for the template, the round's questions last."""
        result = [(title, [self[name] for name in names if name in self.fields]) for title, names in SECTIONS]
        if self.questions:
            result.insert(-1, (_("Questions"), [self[self.question_field(q)] for q in self.questions]))
        return result

    def clean(self):
        data = super().clean()
        start, end = data.get("travel_from"), data.get("travel_to")
        if start and end and end < start:
            self.add_error("travel_to", _("The end of the travel window cannot be before its start."))
        return data

    def answers(self):
        return {q: self.cleaned_data.get(self.question_field(q)) for q in self.questions}

    def model_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
