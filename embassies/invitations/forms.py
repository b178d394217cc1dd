"""Forms of the invitation pages (they only parse; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from embassies.missions.models import PermanentMission
from upr.models import Issue, RegionalGroup

from .targeting import GuestRules


class MissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.state.name


class GuestRulesForm(forms.Form):
    every = forms.BooleanField(label=_("Every Mission"), required=False)
    recommended = forms.BooleanField(
        label=_("States that recommended to this State under Review on these issues in earlier reviews"),
        required=False,
    )
    issues = forms.ModelMultipleChoiceField(
        label=_("Issues of the panel"),
        queryset=Issue.objects.order_by("name_en"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    limit = forms.IntegerField(
        label=_("At most this many recommending States"), min_value=1, max_value=200, required=False
    )
    troika = forms.BooleanField(label=_("The troika of this review"), required=False)
    groups = forms.MultipleChoiceField(
        label=_("Whole regional groups"), required=False, widget=forms.CheckboxSelectMultiple
    )
    missions = MissionChoiceField(
        label=_("Missions picked by hand"),
        queryset=PermanentMission.objects.select_related("state").order_by("state__name_en"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = [
            (group.code, group.name) for group in RegionalGroup.objects.order_by("code")
        ]

    def clean(self):
        data = super().clean()
        if data.get("recommended") and not data.get("issues"):
            self.add_error("issues", _("Choose the issues the recommending States spoke on."))
        return data

    def rules(self):
        data = self.cleaned_data
        return GuestRules(
            every=data["every"],
            recommended=data["recommended"],
            issues=list(data["issues"]),
            limit=data["limit"],
            troika=data["troika"],
            groups=list(data["groups"]),
            missions=list(data["missions"]),
        )
