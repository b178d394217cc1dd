import pytest
from allauth.account.models import EmailAddress

from tests.factories.core import UserFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def make_user(db):
    """A user with a verified primary e-mail address, who can sign in with ``PASSWORD``."""

    def make(**fields):
        user = UserFactory(**fields)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    return make


@pytest.fixture
def totp_code():
    """The current TOTP code for a secret."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    def code(secret):
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        return format_hotp_value(hotp_value(secret, counter))

    return code


@pytest.fixture
def with_totp(totp_code):
    """Activate an authenticator app for a user; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def activate(user):
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return secret

    return activate


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps rate limits and used TOTP codes in the cache: start every test afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
