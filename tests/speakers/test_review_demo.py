"""seed_demo also seeds review data: default criteria, the demo reviewer assigned and scoring."""

import datetime as dt

import pytest
from django.core.management import call_command

from speakers.models import Application
from speakers.review.models import Assessment, ReviewCriterion, ReviewerAssignment
from tests.factories.presessions import IssueFactory, ReviewFactory, SessionFactory, StateFactory

pytestmark = pytest.mark.django_db


def test_seed_demo_seeds_criteria_assignments_and_scores_once(settings):
    settings.DEBUG = True
    upcoming = SessionFactory(number=54, start_date=dt.date(2027, 1, 19))
    SessionFactory(number=53, start_date=dt.date(2026, 11, 2))
    for index, iso3 in enumerate(["TGO", "UKR", "HTI", "MMR", "ZWE", "SSD"]):
        ReviewFactory(session=upcoming, state=StateFactory(iso3=iso3, iso2=iso3[:2]), order=index + 1)
    StateFactory(iso3="CHE", iso2="CH")
    IssueFactory(slug="womens-rights")

    call_command("seed_demo")
    counts = (ReviewCriterion.objects.count(), ReviewerAssignment.objects.count(), Assessment.objects.count())
    call_command("seed_demo")

    submitted = Application.objects.filter(status="submitted").count()
    assert submitted >= 1
    assert counts == (4, submitted, submitted)
    assert (
        ReviewCriterion.objects.count(),
        ReviewerAssignment.objects.count(),
        Assessment.objects.count(),
    ) == counts
    assert not Assessment.objects.filter(total__isnull=True).exists()
