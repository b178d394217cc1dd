"""Factories for the UPR reference models and recommendations (natural keys made unique by sequences)."""

import factory

from upr.importing.keys import text_key
from upr.models import (
    Cycle,
    Issue,
    Recommendation,
    RecommendationIssue,
    RecommendingState,
    RegionalGroup,
    Review,
    State,
    WorkingGroupSession,
)


def _letters(n, width):
    """A distinct upper-case code for each n: 0 → AAA, 1 → AAB…"""
    code = ""
    for _ in range(width):
        n, rest = divmod(n, 26)
        code = chr(65 + rest) + code
    return code


class RegionalGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegionalGroup
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G{n}")
    name_en = factory.LazyAttribute(lambda o: f"Group {o.code}")
    name_fr = factory.LazyAttribute(lambda o: f"Groupe {o.code}")
    name_es = factory.LazyAttribute(lambda o: f"Grupo {o.code}")
    abbreviation = factory.SelfAttribute("code")


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("iso3",)

    # "X.." and digit-first codes are not assigned by ISO, so they never clash with reference data.
    iso3 = factory.Sequence(lambda n: "X" + _letters(n, 2))
    iso2 = factory.Sequence(lambda n: f"{n // 26 % 10}{_letters(n, 1)}")
    name_en = factory.LazyAttribute(lambda o: f"State {o.iso3}")
    name_fr = factory.LazyAttribute(lambda o: f"État {o.iso3}")
    name_es = factory.LazyAttribute(lambda o: f"Estado {o.iso3}")
    regional_group = factory.SubFactory(RegionalGroupFactory)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)


class WorkingGroupSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupSession
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    cycle = factory.SubFactory(CycleFactory)
    year = factory.LazyAttribute(lambda o: 2007 + o.number // 3)


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review
        django_get_or_create = ("session", "state")

    session = factory.SubFactory(WorkingGroupSessionFactory)
    state = factory.SubFactory(StateFactory)


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"issue-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").capitalize())
    name_fr = factory.LazyAttribute(lambda o: f"{o.name_en} (fr)")
    name_es = factory.LazyAttribute(lambda o: f"{o.name_en} (es)")
    source = "upr-info"


class RecommendationFactory(factory.django.DjangoModelFactory):
    """``RecommendationFactory(states=[a, b], issues=[i])`` links recommending States and issues."""

    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    review = factory.SubFactory(ReviewFactory)
    text = factory.Sequence(lambda n: f"Take measure number {n}.")
    text_key = factory.LazyAttribute(lambda o: text_key(o.text))
    paragraph = factory.Sequence(lambda n: f"90.{n + 1}")
    response = Recommendation.Response.SUPPORTED
    action_category = 4

    @factory.post_generation
    def states(obj, create, extracted, **kwargs):
        if create:
            states = extracted if extracted is not None else [StateFactory()]
            RecommendingState.objects.bulk_create(
                RecommendingState(recommendation=obj, state=state, order=i) for i, state in enumerate(states)
            )

    @factory.post_generation
    def issues(obj, create, extracted, **kwargs):
        if create and extracted:
            RecommendationIssue.objects.bulk_create(
                RecommendationIssue(recommendation=obj, issue=issue) for issue in extracted
            )
