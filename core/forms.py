"""Forms for accounts: the extra sign-up fields and the profile."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Language, User
from .names import refuse_links


def active_language():
    """The active language if the site supports it, else the default."""
    code = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return code if code in Language.values else settings.LANGUAGE_CODE


class SignupForm(forms.Form):
    """Fields allauth adds to its sign-up form (``ACCOUNT_SIGNUP_FORM_CLASS``).

    The values are stored by ``core.adapters.AccountAdapter.save_user``.
    """

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    # Not required: without it (a client that does not send it), the page's language is kept.
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=Language.choices,
        required=False,
        help_text=_("Pages and e-mails will be in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = active_language()

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        refuse_links(name)
        return name

    def signup(self, request, user):
        """allauth's hook after the user is saved; the adapter already stored our fields."""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "language"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        refuse_links(name)
        return name
