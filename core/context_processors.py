from django.conf import settings


def navigation(request):
    """Values every page's layout needs: the site URL and the languages for the switcher."""
    return {"SITE_URL": settings.SITE_URL, "SITE_NAME": "UPR Pre-sessions"}
