from django.conf import settings

from .navigation import menu_for


def navigation(request):
    """Values every page's layout needs: the site URL, the site name and the menu for the user's roles."""
    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": "UPR Pre-sessions",
        "main_menu": menu_for(user, request.path) if user is not None else [],
    }
