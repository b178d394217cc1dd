from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .navigation import menu_for


def navigation(request):
    """Values every page's layout needs: the site URL, the site name and the menu for the user's roles."""
    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        # Translators: the product's name, in the header of every page and in window titles.
        "SITE_NAME": _("UPR Pre-sessions"),
        "main_menu": menu_for(user, request.path) if user is not None else [],
    }
