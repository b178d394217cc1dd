import datetime as dt

import pytest

from presessions.models import GENEVA, Room, UnavailabilityWindow
from presessions.programme.conflicts import find_conflicts
from presessions.programme.selectors import timetable
from speakers.lineup.models import SpeakerSlot
from speakers.models import Application
from tests.factories.presessions import RoundFactory, StateFactory
from tests.factories.programme import (
    DayBreakFactory,
    PlacedPresessionFactory,
    RoomFactory,
    RoundDayFactory,
    SpeakerFactory,
    SpeakerSlotFactory,
    UnavailabilityWindowFactory,
)
from tests.factories.speakers import OrganisationFactory

pytestmark = pytest.mark.django_db


def at(hour, minute=0, day=1):
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=GENEVA)


@pytest.fixture
def round_():
    round_ = RoundFactory()
    day = RoundDayFactory(round=round_, date=dt.date(2027, 3, 1), opens_at=dt.time(9), closes_at=dt.time(18))
    DayBreakFactory(day=day, starts_at=dt.time(12, 30), ends_at=dt.time(14, 0))
    return round_


def panel(round_, start, **kwargs):
    kwargs.setdefault("room", RoomFactory(round=round_, mode=Room.Mode.HYBRID))
    return PlacedPresessionFactory(round=round_, starts_at=start, **kwargs)


def kinds(round_):
    return [(c.kind, c.severity) for c in find_conflicts(timetable(round_))]


def test_conflicts_none_for_a_clean_timetable(round_):
    panel(round_, at(9))
    panel(round_, at(10))

    assert kinds(round_) == []


def test_conflict_two_panels_in_one_room_at_once(round_):
    first = panel(round_, at(10))
    second = panel(round_, at(10, 30), room=first.room)

    (conflict,) = find_conflicts(timetable(round_))

    assert conflict.kind == "room"
    assert conflict.presession_ids == (first.pk, second.pk)


def test_conflict_moderator_in_two_panels_at_once(round_):
    panel(round_, at(10), moderator_email="mod@example.org")
    panel(round_, at(10, 30), moderator_email="MOD@example.org")

    assert kinds(round_) == [("moderator", "hard")]


def test_conflict_person_in_two_panels_at_once(round_):
    first, second = panel(round_, at(10)), panel(round_, at(10, 30))
    SpeakerFactory(presession=first, speaker_email="same@example.org")
    SpeakerFactory(presession=second, speaker_email="Same@Example.org")

    assert kinds(round_) == [("person", "hard")]


def test_conflict_moderator_who_speaks_elsewhere_at_once(round_):
    panel(round_, at(10), moderator_email="both@example.org")
    second = panel(round_, at(10, 30))
    SpeakerFactory(presession=second, speaker_email="both@example.org")

    assert kinds(round_) == [("person", "hard")]


def test_conflict_organisation_in_two_panels_at_once(round_):
    first, second = panel(round_, at(10)), panel(round_, at(10, 30))
    organisation = OrganisationFactory()
    SpeakerFactory(presession=first, organisation=organisation)
    SpeakerFactory(presession=second, organisation=organisation)

    assert kinds(round_) == [("organisation", "hard")]


def test_no_conflict_for_panels_back_to_back(round_):
    first = panel(round_, at(10), moderator_email="mod@example.org")
    panel(round_, at(11), room=first.room, moderator_email="mod@example.org")

    assert kinds(round_) == []


@pytest.mark.parametrize(
    ("start", "minutes", "kind"),
    [
        (at(10, day=2), 60, "day"),  # 2 March is not a day of the round
        (at(8, 30), 60, "hours"),  # opens at 09:00
        (at(17, 30), 60, "hours"),  # closes at 18:00
        (at(12), 60, "break"),  # lunch 12:30–14:00
    ],
)
def test_conflict_panel_outside_days_hours_or_over_a_break(round_, start, minutes, kind):
    panel(round_, start, ends_at=start + dt.timedelta(minutes=minutes))

    assert kinds(round_) == [(kind, "hard")]


def test_conflict_room_capacity(round_):
    panel(round_, at(10), room=RoomFactory(round=round_, capacity=30), expected_audience=45)

    assert kinds(round_) == [("capacity", "hard")]


def test_conflict_online_speaker_in_an_in_person_room(round_):
    room = RoomFactory(round=round_, mode=Room.Mode.IN_PERSON)
    SpeakerFactory(
        presession=panel(round_, at(10), room=room), participation=Application.Participation.ONLINE
    )

    assert kinds(round_) == [("mode", "hard")]


def test_conflict_in_person_speaker_in_an_online_room(round_):
    room = RoomFactory(round=round_, mode=Room.Mode.ONLINE)
    SpeakerFactory(
        presession=panel(round_, at(10), room=room), participation=Application.Participation.IN_PERSON
    )

    assert kinds(round_) == [("mode", "hard")]


def test_conflict_online_speaker_local_time_outside_7_to_22(round_):
    fiji = OrganisationFactory(country=StateFactory(iso3="QFJ", iso2="fj"))
    late = panel(round_, at(15))  # 15:00 Geneva = 03:00 in Suva (UTC+12)
    SpeakerFactory(presession=late, organisation=fiji, participation=Application.Participation.ONLINE)

    (conflict,) = find_conflicts(timetable(round_))

    assert conflict.kind == "local_time"
    assert "Pacific/Fiji" in conflict.message


def test_no_conflict_for_online_speaker_with_own_zone_in_hours(round_):
    slot = SpeakerSlotFactory(
        application__presession=panel(round_, at(15)),
        mode=SpeakerSlot.Mode.ONLINE,
        time_zone="America/Bogota",
    )

    assert slot.pk and kinds(round_) == []


def test_conflict_running_order_longer_than_the_slot(round_):
    short = panel(round_, at(10), ends_at=at(10, 30), followup_minutes=10, floor_minutes=15)
    SpeakerFactory(presession=short)  # 5 + 10 + 15 = 30: fits
    assert kinds(round_) == []

    SpeakerFactory(presession=short)  # 35 minutes in a 30-minute slot

    assert kinds(round_) == [("overrun", "hard")]


def test_conflict_confirmed_panel_without_a_slot(round_):
    PlacedPresessionFactory(round=round_, starts_at=None, ends_at=None)

    assert kinds(round_) == [("unplaced", "hard")]


def test_cancelled_panels_make_no_conflict(round_):
    first = panel(round_, at(10))
    panel(round_, at(10), room=first.room, status="cancelled")

    assert kinds(round_) == []


def test_unavailability_is_a_soft_warning(round_):
    target = panel(round_, at(10), moderator_email="mod@example.org")
    UnavailabilityWindowFactory(round=round_, review=target.review, starts_at=at(10, 30), ends_at=at(11, 30))
    UnavailabilityWindowFactory(
        round=round_,
        kind=UnavailabilityWindow.Kind.MODERATOR,
        moderator_email="mod@example.org",
        starts_at=at(9),
        ends_at=at(10, 15),
    )
    UnavailabilityWindowFactory(
        round=round_,
        kind=UnavailabilityWindow.Kind.MISSION,
        state=target.review.state,
        starts_at=at(10),
        ends_at=at(11),
    )
    UnavailabilityWindowFactory(
        round=round_, review=panel(round_, at(15)).review, starts_at=at(10), ends_at=at(11)
    )

    assert kinds(round_) == [("unavailable", "soft")] * 3


@pytest.mark.parametrize("panels", [1, 8])
def test_timetable_and_conflicts_cost_fixed_queries(round_, panels, django_assert_num_queries):
    for hour in range(panels):
        SpeakerFactory(presession=panel(round_, at(9) + dt.timedelta(minutes=50 * hour)))

    with django_assert_num_queries(6):
        find_conflicts(timetable(round_))
