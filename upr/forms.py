from django import forms
from django.utils.translation import gettext_lazy as _

from upr.models import Issue


class TargetingForm(forms.Form):
    """The issues of a panel, to find the States that recommended on them before."""

    issues = forms.ModelMultipleChoiceField(
        label=_("Issues of the panel"),
        queryset=Issue.objects.all(),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    limit = forms.IntegerField(
        label=_("At most this many States"), min_value=1, max_value=200, required=False, initial=40
    )
