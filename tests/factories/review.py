"""Factories for review and selection (criteria, assignments, assessments) and role helpers."""

from decimal import Decimal

import factory
from allauth.mfa.models import Authenticator
from django.utils import timezone

from speakers.review.models import Assessment, ConflictOfInterest, ReviewCriterion, ReviewerAssignment
from tests.factories.core import UserFactory


def with_mfa(user):
    """Give ``user`` a TOTP authenticator so the MFA middleware lets them into /staff/ and /review/."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    return user


def staff_user(**kwargs):
    return with_mfa(UserFactory(is_staff=True, **kwargs))


def reviewer_user(**kwargs):
    return with_mfa(UserFactory(is_reviewer=True, **kwargs))


class ReviewCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCriterion

    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    weight = Decimal("1.0")
    scale_min = 0
    scale_max = 5
    order = factory.Sequence(lambda n: n)


class ReviewerAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewerAssignment

    reviewer = factory.LazyFunction(reviewer_user)


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConflictOfInterest


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    total = Decimal("60.00")
    submitted_at = factory.LazyFunction(timezone.now)
