"""Fixtures of the review and selection tests: one round, one panel, two organisations and every role.

Registered as a plugin by ``tests/conftest.py``; the fixture is ``review_world``.
"""

from dataclasses import dataclass

import pytest

from speakers.models import Application, Organisation, OrganisationMembership
from speakers.review.services import seed_default_criteria
from tests.factories.core import UserFactory
from tests.factories.presessions import IssueFactory, PresessionFactory
from tests.factories.review import (
    ConflictOfInterestFactory,
    ReviewerAssignmentFactory,
    reviewer_user,
    staff_user,
)
from tests.factories.speakers import ApplicationFactory, OrganisationFactory, applicant_for


@dataclass
class ReviewWorld:
    round: object
    presession: object
    other_presession: object
    org_a: object
    org_b: object
    applicant_a: object
    applicant_b: object
    staff: object
    reviewer: object
    conflicted_reviewer: object
    member_reviewer: object
    app_a: object
    app_b: object
    criteria: list


@pytest.fixture
def review_world(db):
    presession = PresessionFactory(round__min_viable_applicants=3)
    round_ = presession.round
    other = PresessionFactory(round=round_)
    criteria = seed_default_criteria(round_)
    org_a = OrganisationFactory(name="Alpha Rights", kind=Organisation.Kind.NATIONAL_NGO)
    org_b = OrganisationFactory(name="Beta Watch", kind=Organisation.Kind.INTERNATIONAL_NGO)
    applicant_a = applicant_for(org_a, language="fr")
    applicant_b = applicant_for(org_b, language="es")
    app_a = ApplicationFactory(
        presession=presession,
        organisation=org_a,
        created_by=applicant_a,
        status=Application.Status.SUBMITTED,
        speaker_name="Ana Alpha",
        issues=[IssueFactory(name_en="Women's rights")],
    )
    app_b = ApplicationFactory(
        presession=presession,
        organisation=org_b,
        created_by=applicant_b,
        status=Application.Status.SUBMITTED,
        speaker_name="Bruno Beta",
        speaker_gender=Application.Gender.MAN,
        issues=[IssueFactory(name_en="Freedom of expression")],
    )
    reviewer = reviewer_user(email="reviewer@example.org")
    conflicted = reviewer_user(email="conflicted@example.org")
    member = reviewer_user(email="member@example.org")
    OrganisationMembership.objects.create(user=member, organisation=org_a)
    ConflictOfInterestFactory(reviewer=conflicted, organisation=org_a)
    for application in (app_a, app_b):
        for person in (reviewer, conflicted, member):
            # Written directly (not through the service) to prove the selectors still hide conflicts.
            ReviewerAssignmentFactory(reviewer=person, application=application)
    return ReviewWorld(
        round=round_,
        presession=presession,
        other_presession=other,
        org_a=org_a,
        org_b=org_b,
        applicant_a=applicant_a,
        applicant_b=applicant_b,
        staff=staff_user(email="staff@example.org"),
        reviewer=reviewer,
        conflicted_reviewer=conflicted,
        member_reviewer=member,
        app_a=app_a,
        app_b=app_b,
        criteria=criteria,
    )


def plain_user():
    return UserFactory()
