import pytest

from upr.services import load_reference_data


@pytest.fixture
def reference_data(db):
    """The shipped reference data, loaded into the test database."""
    return load_reference_data()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(db):
    """A secretariat member with a second factor (the /staff/ pages require one)."""
    from allauth.mfa.models import Authenticator

    from tests.factories.core import UserFactory

    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
