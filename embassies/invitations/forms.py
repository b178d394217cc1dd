"""Forms of the invitation pages (they only parse; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import InlineRadioSelect
from embassies.missions.models import PermanentMission
from upr.models import Issue, RegionalGroup

from .models import Invitation
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


class RsvpForm(forms.Form):
    """The diplomat's (or moderator's) answer on the personal RSVP page."""

    response = forms.ChoiceField(label=_("Will you attend?"), widget=InlineRadioSelect)
    delegates = forms.IntegerField(label=_("Number of delegates"), min_value=1, max_value=20, required=False)
    delegate_names = forms.CharField(
        label=_("Names of the delegates (one a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mode = forms.ChoiceField(
        label=_("How will you attend?"),
        choices=Invitation.Mode.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, invitation, **kwargs):
        if not args or args[0] is None:
            kwargs.setdefault(
                "initial",
                {
                    "response": "" if invitation.response == "pending" else invitation.response,
                    "delegates": invitation.delegates or None,
                    "delegate_names": invitation.delegate_names,
                    "mode": invitation.mode or Invitation.Mode.IN_PERSON,
                },
            )
        super().__init__(*args, **kwargs)
        R = Invitation.Response
        if invitation.is_moderator:
            self.fields["response"].choices = [(R.YES, _("I accept to moderate")), (R.NO, _("I decline"))]
            self.fields["response"].label = _("Will you moderate this panel?")
            for name in ("delegates", "delegate_names", "mode"):
                del self.fields[name]
        else:
            self.fields["response"].choices = [
                (R.YES, R.YES.label),
                (R.MAYBE, R.MAYBE.label),
                (R.NO, R.NO.label),
            ]

    def answer(self):
        data = self.cleaned_data
        return {
            "response": data["response"],
            "delegates": data.get("delegates") or 0,
            "delegate_names": data.get("delegate_names", ""),
            "mode": data.get("mode", ""),
        }


class StaffAnswerForm(RsvpForm):
    """An answer staff record on a Mission's behalf: how it came, and a note."""

    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Invitation.Channel.choices if c[0] != Invitation.Channel.LINK],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
