"""System checks of core: every menu entry an app registered names a URL that exists."""

from django.core.checks import Error, register
from django.urls import NoReverseMatch, reverse

from .navigation import registered_links


@register()
def check_navigation_links(app_configs=None, **kwargs):
    errors = []
    for area_key, link in registered_links():
        try:
            reverse(link.url_name)
        except NoReverseMatch:
            errors.append(
                Error(
                    f"The {area_key!r} menu entry {str(link.label)!r} names the URL {link.url_name!r}, "
                    "which does not exist.",
                    hint="Fix the name in the app's navigation.py, or add the URL.",
                    id="core.E001",
                )
            )
    return errors
