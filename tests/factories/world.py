"""Fixtures of a small round with two organisations and every role (import them in a conftest)."""

from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from speakers.models import Application
from tests.factories.core import UserFactory
from tests.factories.presessions import PresessionFactory, RoundFactory
from tests.factories.speakers import ApplicationFactory, OrganisationFactory, applicant_for


def user_with_mfa(**kwargs):
    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    round_ = RoundFactory()
    presession = PresessionFactory(round=round_)
    other_presession = PresessionFactory(round=round_)
    org_a = OrganisationFactory(name="Org A")
    org_b = OrganisationFactory(name="Org B")
    applicant_a = applicant_for(org_a, email="a@example.org")
    applicant_b = applicant_for(org_b, email="b@example.org")
    application_a = ApplicationFactory(
        presession=presession, organisation=org_a, status=Application.Status.SUBMITTED
    )
    draft_a = ApplicationFactory(presession=other_presession, organisation=org_a)
    application_b = ApplicationFactory(presession=presession, organisation=org_b)
    return SimpleNamespace(
        round=round_,
        presession=presession,
        other_presession=other_presession,
        org_a=org_a,
        org_b=org_b,
        applicant_a=applicant_a,
        applicant_b=applicant_b,
        application_a=application_a,
        draft_a=draft_a,
        application_b=application_b,
        staff=user_with_mfa(is_staff=True, email="staff@example.org"),
        reviewer=user_with_mfa(is_reviewer=True, email="reviewer@example.org"),
    )


@pytest.fixture
def login(client):
    def as_user(user):
        if user is not None:
            client.force_login(user)
        return client

    return as_user
