import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache

from tests.core.mail_backends import ScriptedBackend
from tests.factories.core import UserFactory


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
