from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """A signed-in user's preferred language wins over the browser's; the switcher updates it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class RequireMFAMiddleware:
    """Staff and reviewers cannot reach staff pages until they have set up a second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (user.is_staff or user.is_reviewer)
            and request.path.startswith(settings.MFA_REQUIRED_PATH_PREFIXES)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request, _("Set up two-factor authentication before you use the staff pages.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
