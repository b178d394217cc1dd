import datetime as dt

import pytest
from django.db import IntegrityError

from presessions.models import GENEVA, Presession, Room
from tests.factories.core import UserFactory
from tests.factories.programme import DayBreakFactory, PlacedPresessionFactory, RoomFactory, RoundDayFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("mode", "online", "in_person"),
    [(Room.Mode.IN_PERSON, False, True), (Room.Mode.ONLINE, True, False), (Room.Mode.HYBRID, True, True)],
)
def test_room_mode_says_who_it_takes(mode, online, in_person):
    room = RoomFactory.build(mode=mode)

    assert (room.takes_online_speakers, room.takes_in_person_speakers) == (online, in_person)


def test_room_name_unique_per_round():
    room = RoomFactory(name="Room XXIV")

    with pytest.raises(IntegrityError):
        RoomFactory(round=room.round, name="Room XXIV")


def test_round_day_opening_is_geneva_time_on_both_sides_of_dst():
    winter = RoundDayFactory(date=dt.date(2027, 3, 26), opens_at=dt.time(9, 0))
    summer = RoundDayFactory(round=winter.round, date=dt.date(2027, 3, 29), opens_at=dt.time(9, 0))

    assert winter.opens.astimezone(dt.UTC).hour == 8
    assert summer.opens.astimezone(dt.UTC).hour == 7


def test_round_day_must_open_before_it_closes():
    with pytest.raises(IntegrityError):
        RoundDayFactory(opens_at=dt.time(18, 0), closes_at=dt.time(9, 0))


def test_day_break_bounds_are_aware_datetimes_of_its_day():
    pause = DayBreakFactory(day__date=dt.date(2027, 3, 2), starts_at=dt.time(12, 30), ends_at=dt.time(14, 0))

    assert pause.starts == dt.datetime(2027, 3, 2, 12, 30, tzinfo=GENEVA)
    assert pause.ends == dt.datetime(2027, 3, 2, 14, 0, tzinfo=GENEVA)


def test_presession_moderator_address_prefers_the_account():
    user = UserFactory(email="Mod@Example.org", full_name="Ada Moderator")
    presession = PlacedPresessionFactory(moderator_user=user, moderator_name="", moderator_email="old@x.org")

    assert presession.moderator_address == "mod@example.org"
    assert presession.moderator_display_name == "Ada Moderator"


def test_presession_moderator_by_name_and_email_only():
    presession = PlacedPresessionFactory(moderator_name="Bea", moderator_email=" Bea@Example.org ")

    assert presession.moderator_address == "bea@example.org"
    assert presession.moderator_display_name == "Bea"


def test_presession_slot_minutes_from_its_times():
    presession = PlacedPresessionFactory(
        starts_at=dt.datetime(2027, 3, 1, 10, 0, tzinfo=GENEVA),
        ends_at=dt.datetime(2027, 3, 1, 10, 45, tzinfo=GENEVA),
    )

    assert presession.is_placed is True
    assert presession.slot_minutes == 45


def test_presession_unplaced_by_default():
    presession = Presession(status=Presession.Status.PROPOSED)

    assert presession.is_placed is False
    assert presession.slot_minutes == 0
    assert presession.calendar_sequence == 0
    assert presession.opening_minutes == 0
