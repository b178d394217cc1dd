"""Absolute links for mails, calendar files and PDFs: always from ``SITE_URL``, never from a request."""

from django.conf import settings
from django.urls import reverse


def absolute_url(viewname, *args, **kwargs):
    """``SITE_URL`` + ``reverse(viewname, args=args, kwargs=kwargs)``."""
    return settings.SITE_URL + reverse(viewname, args=args or None, kwargs=kwargs or None)
