"""Factories for the programme: rooms, days, breaks, unavailability, speakers' slots, placed panels."""

import datetime as dt

import factory
from django.utils import timezone

from presessions.models import GENEVA, DayBreak, Room, RoundDay, UnavailabilityWindow
from speakers.lineup.models import SpeakerSlot
from speakers.models import Application
from tests.factories.presessions import PresessionFactory, RoundFactory
from tests.factories.speakers import ApplicationFactory


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 80
    mode = Room.Mode.HYBRID
    meeting_url = factory.Sequence(lambda n: f"https://meet.example.org/room-{n}")


class RoundDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundDay

    round = factory.SubFactory(RoundFactory)
    date = dt.date(2027, 3, 1)
    opens_at = dt.time(9, 0)
    closes_at = dt.time(18, 0)


class DayBreakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DayBreak

    day = factory.SubFactory(RoundDayFactory)
    starts_at = dt.time(12, 30)
    ends_at = dt.time(14, 0)
    label = "Lunch"


class UnavailabilityWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnavailabilityWindow

    round = factory.SubFactory(RoundFactory)
    kind = UnavailabilityWindow.Kind.EVENT
    label = "Side event"
    starts_at = dt.datetime(2027, 3, 1, 10, 0, tzinfo=GENEVA)
    ends_at = dt.datetime(2027, 3, 1, 11, 0, tzinfo=GENEVA)


class PlacedPresessionFactory(PresessionFactory):
    """A confirmed panel placed in a room, 10:00–11:00 Geneva time on 1 March 2027 by default."""

    status = "confirmed"
    starts_at = dt.datetime(2027, 3, 1, 10, 0, tzinfo=GENEVA)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    room = factory.LazyAttribute(lambda o: RoomFactory(round=o.round))
    moderator_name = factory.Sequence(lambda n: f"Moderator {n}")
    moderator_email = factory.Sequence(lambda n: f"moderator{n}@example.org")


class SpeakerFactory(ApplicationFactory):
    """A confirmed application: a speaker on the panel."""

    status = Application.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_publish_name = True
    consent_publish_organisation = True


class SpeakerSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerSlot

    application = factory.SubFactory(SpeakerFactory)
    position = factory.Sequence(lambda n: n)
    minutes = 5
    mode = SpeakerSlot.Mode.IN_PERSON
