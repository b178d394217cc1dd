from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from .forms import active_language
from .models import Language


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter for this project (mail through the outbox is added with the outbox)."""

    def is_open_for_signup(self, request):
        """Organisations sign up themselves; an operator can close sign-up with ``ACCOUNT_ALLOW_SIGNUP``."""
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def save_user(self, request, user, form, commit=True):
        """Store the full name and language from the sign-up form; everyone who signs up applies."""
        data = form.cleaned_data
        user.full_name = data.get("full_name") or ""
        language = data.get("language")
        user.language = language if language in Language.values else active_language()
        user.is_applicant = True
        return super().save_user(request, user, form, commit=commit)
