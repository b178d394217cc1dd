"""Forms of the staff pages on Missions and diplomats (they only parse; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Language
from upr.models import Issue

from .models import Diplomat, PermanentMission


class MissionSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    group = forms.ChoiceField(label=_("Regional group"), required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [
            ("", _("All")),
            *((group.code, group.name) for group in groups),
            ("observer", _("Observer States")),
        ]


class MissionForm(forms.ModelForm):
    class Meta:
        model = PermanentMission
        fields = ["address", "email", "phone", "language", "notes"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}


class DiplomatForm(forms.ModelForm):
    issues = forms.ModelMultipleChoiceField(
        label=_("Issue portfolio"),
        queryset=Issue.objects.order_by("name_en"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Diplomat
        fields = ["honorific", "name", "title", "email", "language", "started_on"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"})}

    def validate_unique(self):
        """Duplicate e-mail addresses are refused by the service, with its own message."""


class RotationForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput(attrs={"type": "date"}))
    successor = forms.ModelChoiceField(
        label=_("Successor already listed"), queryset=Diplomat.objects.none(), required=False
    )
    successor_name = forms.CharField(label=_("Or a new successor: name"), required=False, max_length=200)
    successor_email = forms.EmailField(label=_("New successor's e-mail"), required=False)
    successor_title = forms.ChoiceField(
        label=_("New successor's title"), choices=Diplomat.Title.choices, required=False
    )
    successor_language = forms.ChoiceField(
        label=_("New successor's language"), choices=Language.choices, required=False
    )

    def __init__(self, *args, diplomat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = (
            Diplomat.objects.filter(mission_id=diplomat.mission_id, status=Diplomat.Status.ACTIVE)
            .exclude(pk=diplomat.pk)
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        new = data.get("successor_name") or data.get("successor_email")
        if data.get("successor") and new:
            raise forms.ValidationError(_("Choose a listed successor or enter a new one, not both."))
        if new and not (data.get("successor_name") and data.get("successor_email")):
            raise forms.ValidationError(_("A new successor needs a name and an e-mail address."))
        return data

    def successor_values(self):
        data = self.cleaned_data
        if not data.get("successor_name"):
            return None
        return {
            "name": data["successor_name"],
            "email": data["successor_email"],
            "title": data.get("successor_title") or Diplomat.Title.OTHER,
            "language": data.get("successor_language") or "en",
            "started_on": data["left_on"],
        }
