import datetime as dt
import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from briefs.compilation.selectors import compile_brief
from core.models import User
from presessions.models import Round
from speakers.applications.mails import applicant_language
from speakers.demo import seed_demo
from speakers.models import Application, Organisation
from speakers.statements.demo import seed_statements
from speakers.statements.models import Statement, StatementEvent, StatementVersion
from speakers.statements.services import submission_problems
from speakers.statements.smart import smart_problems
from tests.factories.presessions import IssueFactory, ReviewFactory, SessionFactory, StateFactory
from tests.factories.upr import RecommendationFactory
from upr.models import Issue, State
from upr.services import load_reference_data

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


# While WG 54's call (derived: closes 20 July 2026) is open.
JUNE_2026 = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)


def test_seed_demo_creates_next_round_and_is_idempotent(reference, settings, capsys):
    settings.DEBUG = True

    with time_machine.travel(JUNE_2026, tick=False):
        call_command("seed_demo")
        first = capsys.readouterr().out
        counts = (Round.objects.count(), Organisation.objects.count(), Application.objects.count())
        call_command("seed_demo")
        second = capsys.readouterr().out

    round_ = Round.objects.get()
    assert (round_.number, round_.status, round_.presessions.count()) == (54, Round.Status.OPEN, 6)
    assert counts == (1, 5, 9)
    assert (Round.objects.count(), Organisation.objects.count(), Application.objects.count()) == counts
    assert sorted(Application.objects.values_list("status", flat=True)) == sorted(
        ["submitted", "selected", "reserve", "withdrawn", "draft", "confirmed"]
        + ["confirmed", "selected", "confirmed"]
    )
    assert Organisation.objects.filter(kind="nhri").count() == 1
    assert all(name.startswith("[Demo]") for name in Organisation.objects.values_list("name", flat=True))
    assert round_.extensions.get().review.state.iso3 == "SSD"
    assert Authenticator.objects.filter(type="totp").count() == 2
    for text in (first, second):
        assert "staff@demo.example.org" in text and "password: Demo-Staff-2026" in text
        assert "otpauth://totp/" in text and "authenticator app" in text
    assert "(0 rows created)" in second


@pytest.mark.parametrize(
    ("now", "number"),
    [
        # WG 53's call (closes 4 May 2026) is still open.
        (dt.datetime(2026, 3, 1, tzinfo=dt.UTC), 53),
        # WG 53's has closed, WG 54's (closes 20 July 2026) is open.
        (JUNE_2026, 54),
    ],
)
def test_seed_demo_round_dates_come_from_its_wg_session(reference, settings, now, number):
    settings.DEBUG = True
    ReviewFactory(session=SessionFactory(number=53), state=StateFactory(iso3="SLE", iso2="SL"))

    with time_machine.travel(now, tick=False):
        call_command("seed_demo")

    round_ = Round.objects.get()
    wg_start = round_.session.start_date
    assert (round_.number, round_.status) == (number, Round.Status.OPEN)
    assert round_.start_date.weekday() == 0
    assert dt.timedelta(weeks=13) <= wg_start - round_.start_date < dt.timedelta(weeks=14)
    assert round_.call_closes_at.date() == round_.start_date - dt.timedelta(weeks=13)
    assert round_.call_opens_at < now < round_.call_closes_at


@pytest.mark.parametrize(
    ("today", "start", "closes"),
    [
        # No session's usual call is still open: squeezed in before WG 54 (19 January 2027).
        (dt.date(2026, 11, 30), dt.date(2027, 1, 4), dt.date(2026, 12, 14)),
        # Closer to WG 54: the round still ends two weeks before it, never after.
        (dt.date(2026, 12, 20), dt.date(2027, 1, 5), dt.date(2026, 12, 29)),
    ],
)
def test_seed_demo_round_squeezed_before_its_wg_when_no_usual_call_is_open(
    reference, settings, today, start, closes
):
    settings.DEBUG = True

    with time_machine.travel(dt.datetime.combine(today, dt.time(10), tzinfo=dt.UTC), tick=False):
        call_command("seed_demo")

    round_ = Round.objects.get()
    assert (round_.number, round_.status, round_.start_date) == (54, Round.Status.OPEN, start)
    assert round_.end_date <= round_.session.start_date - dt.timedelta(days=12)
    assert timezone.localdate(round_.call_closes_at) == closes


def test_seed_demo_refuses_when_no_session_is_ahead(reference, settings):
    settings.DEBUG = True

    with time_machine.travel(dt.datetime(2027, 1, 10, tzinfo=dt.UTC), tick=False):
        with pytest.raises(CommandError, match="far enough ahead for a demo round"):
            call_command("seed_demo")

    assert Round.objects.count() == 0


def test_seed_demo_call_intro_ordinals(reference, settings):
    settings.DEBUG = True
    ReviewFactory(session=SessionFactory(number=51, start_date=dt.date(2026, 1, 19)))

    with time_machine.travel(dt.datetime(2025, 7, 1, tzinfo=dt.UTC), tick=False):
        call_command("seed_demo")

    round_ = Round.objects.get()
    assert "for the 51st session of the UPR Working Group" in round_.call_intro_en
    assert "pour la 51e session du Groupe de travail" in round_.call_intro_fr
    assert "para el 51.er período de sesiones" in round_.call_intro_es


def test_seed_demo_refuses_without_reference_data(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo")


def test_seed_demo_refuses_in_production(reference, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "20 July 2026, 23:59 CEST (Geneva time,"),
        ("fr", "20 juillet 2026 à 23:59 CEST (heure de Genève,"),
    ],
)
def test_seed_demo_prints_the_deadline_in_the_pages_named_format(
    reference, settings, capsys, language, expected
):
    settings.DEBUG = True

    with time_machine.travel(JUNE_2026, tick=False), translation.override(language):
        call_command("seed_demo")
    out = capsys.readouterr().out

    line = next(line for line in out.splitlines() if "Call open until" in line)
    assert f"Call open until {expected} demo dates)" in line
    assert not re.search(r"\d\d\.\d\d\.\d{4}", out)


def _check_demo_statements(round_):
    statements = list(
        Statement.objects.filter(application__presession__round=round_).select_related("application")
    )
    assert sorted(s.status for s in statements) == sorted(
        ["approved", "approved", "submitted", "changes", "draft"]
    )
    staff = User.objects.get(email="staff@demo.example.org")
    for statement in statements:
        application = statement.application
        assert application.status in ("selected", "confirmed")
        assert statement.language == applicant_language(application)
        assert statement.introduction and statement.consultations
        assert statement.consent_publish_statement is not application.at_risk
        assert statement.sections.count() == application.issues.count()
        for section in statement.sections.all():
            texts = [r.text for r in section.recommendations.all()]
            assert len(texts) == 2
            assert all(smart_problems(text) == [] for text in texts)
            assert section.situation and section.follow_up
        assert submission_problems(statement) == []
        if statement.status == "approved":
            assert statement.versions.count() == 1 and statement.approved_at is not None
            assert statement.events.filter(action="approve", actor=staff).exists()
        if statement.status == "draft":
            assert statement.versions.count() == 0
    for event in StatementEvent.objects.filter(statement__in=statements, action="submit"):
        application = event.statement.application
        assert event.actor == application.created_by or application.organisation.memberships.filter(
            user=event.actor, role="admin"
        )
    return statements


def test_seed_demo_writes_statements_once_with_earlier_recommendations_and_states(
    reference, settings, capsys
):
    settings.DEBUG = True
    ukraine = State.objects.get(iso3="UKR")
    earlier = ReviewFactory(session=SessionFactory(number=40, start_date=dt.date(2022, 1, 1)), state=ukraine)
    recommender = StateFactory(iso3="NOR", iso2="NO", name_en="Norway")
    recommendation = RecommendationFactory(
        review=earlier, issues=[Issue.objects.get(slug="womens-rights")], states=[recommender]
    )

    with time_machine.travel(JUNE_2026, tick=False):
        call_command("seed_demo")
        first = capsys.readouterr().out
        statements = _check_demo_statements(Round.objects.get())
        versions = StatementVersion.objects.count()
        call_command("seed_demo")
        second = capsys.readouterr().out

    assert Statement.objects.count() == len(statements) == 5
    assert StatementVersion.objects.count() == versions == 4
    assert "(0 rows created)" in second and "(0 rows created)" not in first
    ukr = Statement.objects.get(
        application__presession__review__state=ukraine, application__organisation__acronym="URMN"
    )
    section = ukr.sections.get()
    assert list(section.followed_up.all()) == [recommendation]
    assert recommender in section.recommendations.first().states.all()
    # Nobody may write for an organisation without members (the application was created by staff): skipped.
    zimbabwe = Statement.objects.get(application__organisation__acronym="ZWLF")
    zimbabwe.application.organisation.memberships.all().delete()
    zimbabwe.delete()
    with time_machine.travel(JUNE_2026, tick=False):
        assert seed_statements(Round.objects.get()) == 0
    assert Statement.objects.count() == 4


def test_seed_demo_on_the_reference_data_gives_briefs_something_to_compile(settings):
    load_reference_data()
    result = seed_demo()
    statements = _check_demo_statements(result.round)
    seed_demo()
    assert Statement.objects.count() == len(statements)
    approved = next(s for s in statements if s.status == "approved")
    compiled = compile_brief(approved.application.presession)
    texts = [rec.text for block in compiled.issues for rec in block.suggested]
    assert approved.sections.first().recommendations.first().text in texts
