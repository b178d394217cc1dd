"""WeasyPrint's URL fetcher: the project's own static files, and nothing else."""

import mimetypes
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    """Serves ``SITE_URL + STATIC_URL + path`` from the static files; refuses every other URL.

    ``file:``, ``data:``, ``http(s):`` to any other place (e.g. 169.254.169.254), path traversal: all
    refused without opening anything. ``fetched`` and ``refused`` record what was asked (for tests).
    """

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
        self.fetched = []
        self.refused = []

    @staticmethod
    def base_url():
        return settings.SITE_URL + "/"

    def static_path(self, url):
        prefix = settings.SITE_URL + settings.STATIC_URL
        parts = urlsplit(url)
        if not url.startswith(prefix) or parts.query or parts.fragment:
            return None
        relative = unquote(url[len(prefix) :])
        normalised = posixpath.normpath(relative)
        if (
            normalised != relative
            or normalised.startswith(("/", ".."))
            or "\\" in relative
            or "\x00" in relative
        ):
            return None
        return finders.find(normalised)

    def fetch(self, url, headers=None):
        path = self.static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"Only the project's static files may be fetched, not {url!r}.")
        self.fetched.append(url)
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": content_type})
