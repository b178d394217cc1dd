import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from presessions.models import GENEVA, Presession, ProgrammeRelease, Room, RoundDay
from presessions.programme.conflicts import find_conflicts
from presessions.programme.selectors import timetable
from tests.factories.presessions import IssueFactory, ReviewFactory, SessionFactory, StateFactory

pytestmark = pytest.mark.django_db

SURS = ["TGO", "UKR", "HTI", "MMR", "ZWE", "SSD"]


@pytest.fixture
def reference(db):
    upcoming = SessionFactory(number=54, start_date=dt.date(2027, 1, 19))
    for index, iso3 in enumerate(SURS):
        ReviewFactory(session=upcoming, state=StateFactory(iso3=iso3, iso2=iso3[:2]), order=index + 1)
    StateFactory(iso3="CHE", iso2="CH")
    IssueFactory(slug="womens-rights")
    return upcoming


def test_seed_demo_publishes_a_programme_once(reference, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
        call_command("seed_demo")

    release = ProgrammeRelease.objects.get()
    round_ = release.round
    panels = Presession.objects.filter(round=round_)
    assert (Room.objects.filter(round=round_).count(), RoundDay.objects.filter(round=round_).count()) == (
        2,
        3,
    )
    assert len(release.snapshot["panels"]) == panels.count() == 6
    assert all(p.is_placed and p.moderator_address.endswith("@example.org") for p in panels)
    # The side event (14:30) overlaps the two 14:00 panels of the first day: warnings, not conflicts.
    assert [(c.kind, c.severity) for c in find_conflicts(timetable(round_))] == [("unavailable", "soft")] * 2
    first = panels.order_by("starts_at").first()
    assert first.starts_at == dt.datetime.combine(round_.start_date, dt.time(9, 30), tzinfo=GENEVA)
    zimbabwe = panels.get(review__state__iso3="ZWE")
    assert release.snapshot["panels"][str(zimbabwe.pk)]["speakers"] != []
    page = Client().get(reverse("presessions:public_programme", kwargs={"number": round_.number}))
    assert page.status_code == 200
