"""Factories for Permanent Missions, diplomats, invitations and check-ins."""

import factory

from embassies.missions.models import Diplomat, PermanentMission
from tests.factories.presessions import StateFactory


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PermanentMission
        django_get_or_create = ("state",)

    state = factory.SubFactory(StateFactory)
    email = factory.LazyAttribute(lambda o: f"mission.{o.state.iso3.lower()}@example.org")
    language = "en"


class DiplomatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diplomat
        skip_postgeneration_save = True

    mission = factory.SubFactory(MissionFactory)
    name = factory.Sequence(lambda n: f"Diplomat {n}")
    email = factory.Sequence(lambda n: f"diplomat{n}@example.org")
    title = Diplomat.Title.FIRST_SECRETARY
    language = "en"

    @factory.post_generation
    def issues(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.issues.set(extracted)
