"""Forms of the programme's staff pages: they parse; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from presessions.programme.models import Room, RoundDay, UnavailabilityWindow
from presessions.rounds.models import Presession
from upr.models import Review

from ..forms import DateInput, DateTimeLocalInput
from .participants import IN_PERSON, ONLINE


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class RoomForm(forms.ModelForm):
    meeting_url = forms.URLField(
        label=_("meeting link"), required=False, assume_scheme="https", max_length=500
    )

    class Meta:
        model = Room
        fields = ["name", "capacity", "mode", "meeting_url", "access_notes", "order"]
        widgets = {"access_notes": forms.Textarea(attrs={"rows": 2})}


class RoundDayForm(forms.ModelForm):
    class Meta:
        model = RoundDay
        fields = ["date", "opens_at", "closes_at"]
        widgets = {"date": DateInput(), "opens_at": TimeInput(), "closes_at": TimeInput()}


class DayBreakForm(forms.Form):
    starts_at = forms.TimeField(label=_("starts at"), widget=TimeInput())
    ends_at = forms.TimeField(label=_("ends at"), widget=TimeInput())
    label = forms.CharField(label=_("label"), max_length=120, required=False)


class UnavailabilityForm(forms.ModelForm):
    class Meta:
        model = UnavailabilityWindow
        fields = ["kind", "label", "starts_at", "ends_at", "review", "moderator_email", "state", "weight"]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].queryset = Review.objects.filter(session_id=round_.session_id).select_related(
            "state"
        )
        self.fields["state"].queryset = self.fields["state"].queryset.order_by("name_en")


class PanelForm(forms.Form):
    """A panel's slot (date, start, length in Geneva time), room, moderator and fixed running-order items."""

    date = forms.DateField(label=_("date"), required=False, widget=DateInput())
    start = forms.TimeField(label=_("starts at"), required=False, widget=TimeInput())
    minutes = forms.IntegerField(label=_("length (minutes)"), min_value=10, max_value=240, initial=60)
    room = forms.ModelChoiceField(label=_("room"), queryset=Room.objects.none(), required=False)
    moderator_name = forms.CharField(label=_("moderator's name"), max_length=200, required=False)
    moderator_email = forms.EmailField(label=_("moderator's e-mail"), required=False)
    opening_minutes = forms.TypedChoiceField(
        label=_("opening statement"), choices=Presession.Opening.choices, coerce=int
    )
    followup_minutes = forms.IntegerField(
        label=_("moderator's follow-up (minutes)"), min_value=0, max_value=60
    )
    floor_minutes = forms.IntegerField(
        label=_("questions from the floor (minutes)"), min_value=0, max_value=90
    )
    expected_audience = forms.IntegerField(label=_("expected audience"), min_value=0, max_value=5000)

    def __init__(self, *args, presession, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = Room.objects.filter(round_id=presession.round_id)

    def clean(self):
        data = super().clean()
        if bool(data.get("date")) != bool(data.get("start")):
            raise forms.ValidationError(
                _("Give both the date and the start time, or neither to unplace the panel.")
            )
        return data


class SpeakerSlotForm(forms.Form):
    minutes = forms.IntegerField(label=_("minutes"), min_value=1, max_value=60)
    mode = forms.ChoiceField(
        label=_("takes part"), choices=[(IN_PERSON, _("In person, in Geneva")), (ONLINE, _("Online"))]
    )
    time_zone = forms.CharField(label=_("time zone"), max_length=64, required=False)


class ReorderForm(forms.Form):
    """The whole running order at once (drag and drop): the refs in their new order."""

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.refs = [ref for ref in (data.getlist("ref") if data is not None else []) if ref]

    def clean(self):
        if not self.refs or len(set(self.refs)) != len(self.refs):
            raise forms.ValidationError(_("Send every speaker of the panel once."))
        return super().clean()
