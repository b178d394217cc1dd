"""Factories for rounds and Pre-sessions (and the few reference rows they need)."""

import datetime as dt

import factory
from django.utils import timezone

from presessions.models import GENEVA, CallQuestion, DeadlineExtension, Presession, Round
from upr.models import Cycle, Issue, RegionalGroup, Review, State, WorkingGroupSession


def _iso3(n):
    return "Q" + chr(65 + (n // 26) % 26) + chr(65 + n % 26)


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalGroup
        django_get_or_create = ("code",)

    code = "WEOG"
    name_en = "Western European and other States"
    name_fr = "États d'Europe occidentale et autres États"
    name_es = "Estados de Europa Occidental y otros Estados"


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("iso3",)

    iso3 = factory.Sequence(_iso3)
    iso2 = factory.LazyAttribute(lambda o: o.iso3[1:])
    name_en = factory.Sequence(lambda n: f"Testland {n}")
    name_fr = factory.LazyAttribute(lambda o: o.name_en.replace("Testland", "Testlande"))
    name_es = factory.LazyAttribute(lambda o: o.name_en.replace("Testland", "Testlandia"))
    regional_group = factory.SubFactory(RegionalGroupFactory)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("number",)

    number = 4


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupSession
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 100 + n)
    cycle = factory.SubFactory(CycleFactory)
    year = 2027


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    session = factory.SubFactory(SessionFactory)
    state = factory.SubFactory(StateFactory)
    order = factory.Sequence(lambda n: n + 1)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"issue-{n}")
    name_en = factory.Sequence(lambda n: f"Issue {n}")
    name_fr = factory.Sequence(lambda n: f"Question {n}")
    name_es = factory.Sequence(lambda n: f"Tema {n}")


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    session = factory.SubFactory(SessionFactory)
    number = factory.LazyAttribute(lambda o: o.session.number)
    title = factory.LazyAttribute(lambda o: f"Pre-sessions {o.number}")
    status = Round.Status.OPEN
    call_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    call_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    statement_deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=40))
    start_date = dt.date(2027, 3, 1)
    end_date = dt.date(2027, 3, 4)
    venue = "Geneva"
    languages = ["en", "fr", "es"]
    call_intro_en = "Apply to speak."
    call_intro_fr = "Postulez pour intervenir."
    call_intro_es = "Postule para intervenir."


class PresessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Presession

    round = factory.SubFactory(RoundFactory)
    review = factory.LazyAttribute(lambda o: ReviewFactory(session=o.round.session))


class DeadlineExtensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineExtension

    round = factory.SubFactory(RoundFactory)
    review = factory.LazyAttribute(lambda o: ReviewFactory(session=o.round.session))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    reason = "Few applicants"


class CallQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallQuestion

    round = factory.SubFactory(RoundFactory)
    label_en = factory.Sequence(lambda n: f"Question {n}?")
    kind = CallQuestion.Kind.TEXT
    order = factory.Sequence(lambda n: n)


def geneva(*args):
    """An aware datetime in Geneva time."""
    return dt.datetime(*args, tzinfo=GENEVA)
