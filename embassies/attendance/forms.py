"""Forms of the check-in page (they only parse; services decide)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from embassies.missions.models import PermanentMission


class WalkInForm(forms.Form):
    mission = forms.ModelChoiceField(
        label=_("Mission"),
        queryset=PermanentMission.objects.select_related("state").order_by("state__name_en"),
    )
    name = forms.CharField(label=_("Delegate's name"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].label_from_instance = lambda mission: mission.state.name
