import datetime as dt

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command

from presessions.models import Round
from speakers.models import Application, Organisation
from tests.factories.presessions import IssueFactory, ReviewFactory, SessionFactory, StateFactory

pytestmark = pytest.mark.django_db

SURS = ["TGO", "UKR", "HTI", "MMR", "ZWE", "SSD"]


@pytest.fixture
def reference(db):
    past = SessionFactory(number=53, start_date=dt.date(2026, 11, 2))
    upcoming = SessionFactory(number=54, start_date=dt.date(2027, 1, 19))
    ReviewFactory(session=past)
    for index, iso3 in enumerate(SURS):
        ReviewFactory(session=upcoming, state=StateFactory(iso3=iso3, iso2=iso3[:2]), order=index + 1)
    StateFactory(iso3="CHE", iso2="CH")
    IssueFactory(slug="womens-rights")
    return upcoming


def test_seed_demo_creates_next_round_and_is_idempotent(reference, settings, capsys):
    settings.DEBUG = True

    call_command("seed_demo")
    first = capsys.readouterr().out
    counts = (Round.objects.count(), Organisation.objects.count(), Application.objects.count())
    call_command("seed_demo")
    second = capsys.readouterr().out

    round_ = Round.objects.get()
    assert (round_.number, round_.status, round_.presessions.count()) == (54, Round.Status.OPEN, 6)
    assert counts == (1, 5, 6)
    assert (Round.objects.count(), Organisation.objects.count(), Application.objects.count()) == counts
    assert sorted(Application.objects.values_list("status", flat=True)) == sorted(
        ["submitted", "selected", "reserve", "withdrawn", "draft", "confirmed"]
    )
    assert Organisation.objects.filter(kind="nhri").count() == 1
    assert all(name.startswith("[Demo]") for name in Organisation.objects.values_list("name", flat=True))
    assert round_.extensions.get().review.state.iso3 == "SSD"
    assert Authenticator.objects.filter(type="totp").count() == 2
    for text in (first, second):
        assert "staff@demo.example.org" in text and "password: Demo-Staff-2026" in text
        assert "otpauth://totp/" in text and "authenticator app" in text
    assert "(0 rows created)" in second


def test_seed_demo_refuses_without_reference_data(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo")


def test_seed_demo_refuses_in_production(reference, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")
