"""Every view refuses an anonymous visitor unless its URL name is in ``core.public.PUBLIC_URL_NAMES``,
and every view of the project carries one marker of the access layer (``core.access``): ``@guard(...)``
or ``@public``, the latter exactly for the public URL names.

The URL configuration is walked at collection time, so views that other apps add later are covered
without changing this file.
"""

from urllib.parse import urlsplit

import pytest
from django.urls import path, reverse

from core.access import access_of, guard, public
from core.public import PUBLIC_URL_NAMES

from .urlwalk import WalkedURL, check_resolves_back, walk

WALKED = sorted(walk(), key=lambda walked: walked.url)
# No 404: the walk runs on an empty database with made-up ids, so a view that looked its object up
# before checking permission would answer 404 and hide a missing check. Every view must refuse first.
REFUSING_STATUSES = {401, 403, 405}
# Views that come with a library and guard themselves, by where config/urls.py mounts them and which
# library's module defines them. Every other view must carry a core.access marker.
EXTERNAL_VIEWS = {
    "/admin/": (
        "django.contrib.admin.",
        "django.contrib.auth.admin",
        "django.contrib.contenttypes.views",
        "django.views.generic.",
        "django_celery_beat.admin",
        "import_export.admin",
        "simple_history.admin",
    ),
    "/accounts/": ("allauth.",),
}


def _is_public(walked):
    return walked.name in PUBLIC_URL_NAMES


def _is_external(walked):
    module = walked.pattern.callback.__module__
    return any(
        walked.url.startswith(mount) and module.startswith(libraries)
        for mount, libraries in EXTERNAL_VIEWS.items()
    )


def _marker_problem(walked):
    """Why this URL's view breaks the access layer's rule, or ``None`` when it keeps it."""
    if _is_external(walked):
        return None
    access = access_of(walked.pattern.callback)
    if access is None:
        return "carries neither @guard nor @public"
    if access == "public" and not _is_public(walked):
        return "is @public but its URL name is not in PUBLIC_URL_NAMES"
    if access != "public" and _is_public(walked):
        return "is in PUBLIC_URL_NAMES but not @public"
    return None


def _login_paths():
    return {reverse("account_login"), reverse("admin:login")}


def _refuses(response):
    if response.status_code in REFUSING_STATUSES:
        return True
    if response.status_code in {301, 302, 303, 307, 308}:
        return urlsplit(response["Location"]).path in _login_paths()
    return False


def test_url_walk_finds_the_project_urls():
    names = {walked.name for walked in WALKED}
    assert {"core:home", "core:dashboard", "core:profile", "account_login", "admin:index"} <= names
    assert len(WALKED) >= 40


@pytest.mark.parametrize("walked", WALKED, ids=[w.label for w in WALKED])
def test_url_walk_built_url_resolves_to_its_pattern(walked):
    assert check_resolves_back(walked), walked.url


@pytest.mark.parametrize("walked", WALKED, ids=[w.label for w in WALKED])
def test_url_walk_view_carries_one_access_marker(walked):
    assert _marker_problem(walked) is None, (walked.url, _marker_problem(walked))


def test_url_walk_marker_check_detects_an_unmarked_view():
    # Negative control: a project view without a marker, or marked against the allow-list, is reported.
    def bare():
        def view(request):
            return None

        return view

    def walked(view, name="core:example", url="/example/"):
        return WalkedURL(name=name, url=url, pattern=path(url.lstrip("/"), view, name=name))

    assert _marker_problem(walked(bare())) == "carries neither @guard nor @public"
    assert _marker_problem(walked(public(bare()))) == "is @public but its URL name is not in PUBLIC_URL_NAMES"
    assert _marker_problem(walked(guard("core.view_outbox")(bare()), name="core:home")) == (
        "is in PUBLIC_URL_NAMES but not @public"
    )
    assert _marker_problem(walked(guard("core.view_outbox")(bare()))) is None
    assert _marker_problem(walked(bare(), url="/accounts/example/")) == "carries neither @guard nor @public"


@pytest.mark.django_db
@pytest.mark.parametrize("walked", [w for w in WALKED if not _is_public(w)], ids=lambda w: w.label)
def test_url_walk_anonymous_is_refused(client, walked):
    response = client.get(walked.url)
    assert _refuses(response), (walked.url, response.status_code, response.get("Location"))
    if response.status_code == 405:  # a POST-only view must refuse a POST as well
        response = client.post(walked.url)
        assert _refuses(response), (walked.url, "POST", response.status_code, response.get("Location"))


@pytest.mark.django_db
@pytest.mark.parametrize("walked", [w for w in WALKED if _is_public(w)], ids=lambda w: w.label)
def test_url_walk_public_page_does_not_fail(client, walked):
    response = client.get(walked.url)
    assert response.status_code < 500, (walked.url, response.status_code)


def test_public_url_names_contain_no_staff_or_review_pages():
    staff_like = {w.name for w in WALKED if w.url.startswith(("/staff/", "/review/", "/my/"))}
    assert staff_like & PUBLIC_URL_NAMES == set()


@pytest.mark.django_db
def test_url_walk_check_detects_an_open_page(client, make_user):
    # Negative control: an open page (the public home) or a page reached while signed in is not a refusal.
    assert _refuses(client.get(reverse("core:home"))) is False
    client.force_login(make_user())
    assert _refuses(client.get(reverse("core:dashboard"))) is False
