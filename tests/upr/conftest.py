import pytest

from upr.services import load_reference_data


@pytest.fixture
def reference_data(db):
    """The shipped reference data, loaded into the test database."""
    return load_reference_data()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
