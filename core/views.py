from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .access import guard, public
from .forms import ProfileForm
from .homepage import home_sections
from .models import Language
from .navigation import areas_for


@public
def home(request):
    """Public landing page: what the service is, then the sections other apps contribute (open calls…)."""
    return render(request, "core/home.html", {"sections": home_sections(request)})


@guard("core.view_dashboard")
def dashboard(request):
    """Each signed-in user's start page: one section per role, linking to what that role can use."""
    user = request.user
    mfa_required = user.is_staff or user.is_reviewer or user.is_superuser
    context = {
        "areas": areas_for(user),
        "mfa_required": mfa_required,
        "mfa_enabled": mfa_required and is_mfa_enabled(user),
    }
    return render(request, "core/dashboard.html", context)


@guard("core.change_own_profile")
def profile(request):
    """The signed-in user's name and preferred language."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            language=form.cleaned_data["language"],
        )
        # UserLanguageMiddleware puts the new language in the cookie on this response.
        with translation.override(request.user.language):
            messages.success(request, _("Your profile has been saved."))
        return redirect("core:profile")
    return render(request, "core/profile_form.html", {"form": form})


@public
@require_POST
def set_language(request):
    """Django's ``set_language`` (POST only, safe ``next``) that also remembers a signed-in user's choice."""
    language = request.POST.get("language", "")
    response = django_set_language(request)  # validates ``next`` against this host, else "/"
    if language in Language.values and request.user.is_authenticated:
        services.set_preferred_language(user=request.user, language=language)
    return response


@guard("core.change_own_profile")
def admin_password_change(request, extra_context=None):
    """Replaces ``admin.site.password_change``: passwords change through allauth (with its notice mail)."""
    return redirect("account_change_password")


@public
def admin_login(request, extra_context=None):
    """Replaces ``admin.site.login``: the admin never takes a password itself.

    Everyone signs in through allauth, so the second factor cannot be bypassed. A signed-in user
    without admin access gets 403 (not a redirect loop).
    """
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")
    if request.user.is_active and request.user.is_staff:
        return redirect(next_url)
    raise PermissionDenied


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the site's own page (with its menu and language), not Django's bare one."""
    return render(request, "403_csrf.html", status=403)
