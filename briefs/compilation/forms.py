"""Staff edit a brief: summary, contacts, and a position for each approved statement (parse only)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class BriefForm(forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), required=False)
    contacts = forms.CharField(label=_("Contacts"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        for index, statement in enumerate(statements, start=1):
            application = statement.application
            self.fields[f"position_{statement.pk}"] = forms.IntegerField(
                label=_("Position of %(organisation)s") % {"organisation": application.organisation.name},
                min_value=1,
                initial=index,
            )

    def statement_order(self):
        positions = [
            (self.cleaned_data[f"position_{s.pk}"], index, s.pk) for index, s in enumerate(self.statements)
        ]
        return [pk for _position, _index, pk in sorted(positions)]
