import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from tests.core.mail_backends import ScriptedBackend
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
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth's rate limits live in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_failures(settings):
    """Exceptions the mail backend raises, one per send, in order; then it delivers to mail.outbox."""
    settings.EMAIL_BACKEND = "tests.core.mail_backends.ScriptedBackend"
    ScriptedBackend.failures = []
    yield ScriptedBackend.failures
    ScriptedBackend.failures = []


def _with_mfa(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


@pytest.fixture
def staff_user(db):
    return _with_mfa(UserFactory(email="staff@example.org", is_staff=True))


@pytest.fixture
def reviewer_user(db):
    return _with_mfa(UserFactory(email="reviewer@example.org", is_reviewer=True))


@pytest.fixture
def applicant_user(db):
    return UserFactory(email="applicant@example.org", is_applicant=True)


@pytest.fixture
def diplomat_user(db):
    return UserFactory(email="diplomat@example.org", is_diplomat=True)


@pytest.fixture
def users_by_role(staff_user, reviewer_user, applicant_user, diplomat_user):
    return {
        "anonymous": None,
        "staff": staff_user,
        "reviewer": reviewer_user,
        "applicant": applicant_user,
        "diplomat": diplomat_user,
    }
