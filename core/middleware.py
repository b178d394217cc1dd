from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .models import Language


class UserLanguageMiddleware:
    """A signed-in user's preferred language wins over the cookie and the browser's.

    Runs after ``LocaleMiddleware`` and ``AuthenticationMiddleware``. The language switcher and the
    profile page update ``user.language``, so what the user picked last is what they get, on every
    device they sign in from. The language cookie follows the user's language (set on the response
    that signs them in), so the pages stay in that language after signing out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = self._user_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        language = self._user_language(request)  # the user may have signed in during this request
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    @staticmethod
    def _user_language(request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in Language.values:
            return user.language
        return None


class NoStoreMiddleware:
    """Responses under ``settings.NO_STORE_PATH_PREFIXES`` (signed-in areas) are never stored.

    ``Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private``: a shared computer's
    back button or a proxy cache must not show a staff page or an applicant's file after sign-out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(tuple(settings.NO_STORE_PATH_PREFIXES)):
            add_never_cache_headers(response)
        return response


class RequireMFAMiddleware:
    """Staff, reviewers and superusers set up a second factor before any signed-in page.

    Such a user is sent to the authenticator-app set-up page with a message, whatever the page
    (staff pages, ``/my/``, the dashboard, a 404). Only what setting it up needs stays reachable:
    paths under ``settings.MFA_EXEMPT_PATH_PREFIXES`` (allauth's account and MFA pages, static files)
    and the URL names in ``settings.MFA_EXEMPT_URL_NAMES`` (signing out, the language switch, the
    health check). Anonymous users pass through: the views themselves send them to the login page.
    (Signing in asks an enrolled user for the second factor: allauth's MFA login stage.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up_mfa(request):
            messages.warning(
                request, _("Set up two-factor authentication before you use the staff pages.")
            )
            if getattr(request, "htmx", False):  # a fragment request: send the whole page there
                return HttpResponseClientRedirect(reverse("mfa_activate_totp"))
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        if not (user.is_staff or user.is_reviewer or user.is_superuser):
            return False
        if _is_exempt(request.path_info):
            return False
        return not is_mfa_enabled(user)


def _is_exempt(path):
    if path.startswith(tuple(settings.MFA_EXEMPT_PATH_PREFIXES)):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in settings.MFA_EXEMPT_URL_NAMES
