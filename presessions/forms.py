from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateInput, DateTimeLocalInput
from presessions.rounds.models import CallQuestion, DeadlineExtension, Round
from upr.models import Review, WorkingGroupSession

LANGUAGE_CHOICES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]


class RoundForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Round
        fields = [
            "session",
            "title",
            "start_date",
            "end_date",
            "venue",
            "format",
            "languages",
            "call_opens_at",
            "call_closes_at",
            "statement_deadline",
            "min_viable_applicants",
        ]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "call_opens_at": DateTimeLocalInput(),
            "call_closes_at": DateTimeLocalInput(),
            "statement_deadline": DateTimeLocalInput(),
        }
        help_texts = {"call_closes_at": _("Geneva time (Europe/Zurich).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = WorkingGroupSession.objects.filter(
                rounds__isnull=True
            ).order_by("-number")
            self.fields["title"].required = False


class RoundTextsForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = [
            f"call_{part}_{lang}"
            for part in ("intro", "eligibility", "privacy")
            for lang in ("en", "fr", "es")
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class CallQuestionForm(forms.ModelForm):
    class Meta:
        model = CallQuestion
        fields = [
            "label_en",
            "label_fr",
            "label_es",
            "help_text_en",
            "help_text_fr",
            "help_text_es",
            "kind",
            "choices",
            "required",
        ]
        widgets = {"choices": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        if data.get("kind") == CallQuestion.Kind.CHOICE:
            options = [line for line in (data.get("choices") or "").splitlines() if line.strip()]
            if len(options) < 2:
                self.add_error("choices", _("A choice question needs at least two options, one per line."))
        return data


class DeadlineExtensionForm(forms.ModelForm):
    class Meta:
        model = DeadlineExtension
        fields = ["review", "closes_at", "reason"]
        widgets = {"closes_at": DateTimeLocalInput()}
        labels = {"review": _("State under Review")}

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.fields["review"].queryset = Review.objects.filter(presessions__round=round_).select_related(
            "state", "session"
        )

    def validate_unique(self):
        """An existing extension for the same SuR is replaced, not refused."""
