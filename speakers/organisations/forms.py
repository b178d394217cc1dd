"""Forms of organisations: details, inviting a member, joining by code, a member's role."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.names import refuse_links

from .models import Organisation, OrganisationMembership


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = ["name", "acronym", "country", "kind", "ecosoc_status", "website", "founded_year", "aims"]
        widgets = {"aims": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self):
        refuse_links(self.cleaned_data.get("name"))
        return self.cleaned_data.get("name")

    def clean_acronym(self):
        refuse_links(self.cleaned_data.get("acronym"))
        return self.cleaned_data.get("acronym")

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        if year is not None and not 1800 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year such as 1998."))
        return year


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class JoinForm(forms.Form):
    token = forms.CharField(label=_("Join code"), max_length=40, strip=True)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationMembership.Role.choices)
