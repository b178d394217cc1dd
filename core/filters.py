"""Filters of the staff pages of the core app (outbox, audit trail)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.audit import ACTIONS, tracked_models
from core.models import OutboundMail
from core.widgets import DateInput


class OutboundMailFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OutboundMail.Status.choices)
    recipient = django_filters.CharFilter(label=_("Recipient contains"), lookup_expr="icontains")

    class Meta:
        model = OutboundMail
        fields = ["status", "recipient"]


class AuditFilterForm(forms.Form):
    model = forms.ChoiceField(label=_("Record type"), required=False)
    user = forms.CharField(label=_("Changed by (e-mail contains)"), required=False, max_length=254)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any"))] + list(ACTIONS.items())
    )
    since = forms.DateField(label=_("Since"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("Any"))] + [
            (label, model._meta.verbose_name.capitalize()) for label, model in tracked_models().items()
        ]

    def filters(self):
        """Keyword arguments for ``core.audit.change_rows`` (empty when the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "model_label": data["model"],
            "user_query": data["user"].strip(),
            "action": data["action"],
            "since": data["since"],
        }
