"""Forms of selection: pending decisions, applying them, extending a call, a speaker's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import DateTimeLocalInput

from ..applications.models import Application


class PendingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("No decision"))] + list(Application.Decision.choices),
    )
    version = forms.CharField(widget=forms.HiddenInput, max_length=100)


class ApplyDecisionsForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ExtendDeadlineForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("New closing time (Geneva time)"),
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("confirm", _("We confirm: our speaker will take part")), ("decline", _("We decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If you decline, why? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
