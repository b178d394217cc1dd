import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

# Fixtures of the review and selection tests.
pytest_plugins = ["tests.speakers.review_fixtures"]


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # A request in French or Spanish leaves its language active in the thread: every test starts in
    # the default language, whatever ran before it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


def locate_shared_data():
    """``../shared/data`` (or ``UPR_SHARED_DATA_DIR``); without it the test skips, or fails when CI is set."""
    path = Path(os.environ.get("UPR_SHARED_DATA_DIR") or settings.BASE_DIR.parent / "shared" / "data")
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run the tests on the real shared data")
        pytest.skip("../shared/data is not present in this checkout")
    return path


@pytest.fixture
def shared_data_dir():
    """The real third-party data in ../shared/data, when this checkout has it."""
    return locate_shared_data()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Integration tests: skip without PostgreSQL and a broker, or fail when CI is set (before fixtures)."""
    from tests.integration.services import require_services

    require_services(item)
