import datetime as dt

import icalendar
import pytest

from presessions.models import GENEVA, Room
from presessions.programme.calendar import build_calendar, event_uid
from tests.factories.programme import PlacedPresessionFactory, RoomFactory

pytestmark = pytest.mark.django_db


def _events(data):
    calendar = icalendar.Calendar.from_ical(data)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_event_uid_is_stable_and_independent_of_site_url(settings):
    presession = PlacedPresessionFactory()
    before = event_uid(presession)
    settings.SITE_URL = "https://elsewhere.example"

    assert event_uid(presession) == before == f"presession-{presession.pk}@upr-presessions"


def test_build_calendar_parses_back_with_geneva_times_across_dst():
    winter = PlacedPresessionFactory(starts_at=dt.datetime(2027, 3, 26, 10, 0, tzinfo=GENEVA))
    summer = PlacedPresessionFactory(
        round=winter.round, starts_at=dt.datetime(2027, 3, 29, 10, 0, tzinfo=GENEVA)
    )

    calendar, (first, second) = _events(build_calendar([winter, summer], name="Pre-sessions"))

    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    assert first["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert first.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 26, 9, 0, tzinfo=dt.UTC)
    assert second.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 29, 8, 0, tzinfo=dt.UTC)
    assert second.decoded("DTEND").astimezone(dt.UTC) == dt.datetime(2027, 3, 29, 9, 0, tzinfo=dt.UTC)
    assert [str(e["UID"]) for e in (first, second)] == [event_uid(winter), event_uid(summer)]


def test_build_calendar_sequence_and_summary():
    presession = PlacedPresessionFactory(calendar_sequence=3)

    _calendar, (event,) = _events(build_calendar([presession]))

    assert event["SEQUENCE"] == 3
    assert str(event["SUMMARY"]) == f"Pre-session on {presession.review.state.name_en}"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_build_calendar_escapes_user_text_no_injected_event():
    room = RoomFactory(
        name="Room 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil", access_notes="A;B,C\nDTSTART:1"
    )
    presession = PlacedPresessionFactory(
        round=room.round, room=room, moderator_name="Eve\r\nATTENDEE:mailto:x@y"
    )

    data = build_calendar([presession])
    _calendar, events = _events(data)

    assert len(events) == 1
    assert str(events[0]["UID"]) == event_uid(presession)
    assert "ATTENDEE" not in events[0]
    assert str(events[0]["LOCATION"]).startswith("Room 1\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil")
    assert b"\r\nBEGIN:VEVENT\r\nUID:evil" not in data


def test_build_calendar_cancel_and_request_methods():
    presession = PlacedPresessionFactory(calendar_sequence=2)

    cancel, (cancelled,) = _events(
        build_calendar([presession], method="CANCEL", attendee_email="a@example.org")
    )
    request, (invited,) = _events(
        build_calendar([presession], method="REQUEST", attendee_email="a@example.org")
    )

    assert (cancel["METHOD"], str(cancelled["STATUS"])) == ("CANCEL", "CANCELLED")
    assert (request["METHOD"], str(invited["STATUS"])) == ("REQUEST", "CONFIRMED")
    assert str(invited["ATTENDEE"]) == "mailto:a@example.org"
    assert str(invited["ORGANIZER"]).startswith("mailto:")
    assert cancelled["UID"] == invited["UID"]


def test_build_calendar_meeting_link_only_in_a_personal_calendar():
    room = RoomFactory(mode=Room.Mode.HYBRID, meeting_url="https://meet.example.org/secret")
    presession = PlacedPresessionFactory(round=room.round, room=room)

    public = build_calendar([presession])
    personal = build_calendar([presession], method="REQUEST", attendee_email="a@example.org")

    assert b"meet.example.org" not in public
    assert "https://meet.example.org/secret" in str(_events(personal)[1][0]["DESCRIPTION"])


def test_build_calendar_leaves_out_unplaced_panels_and_refuses_unknown_method():
    presession = PlacedPresessionFactory(starts_at=None, ends_at=None)

    _calendar, events = _events(build_calendar([presession]))

    assert events == []
    with pytest.raises(ValueError, match="Unknown iCalendar method"):
        build_calendar([presession], method="REPLY")


def test_vtimezone_rules_give_geneva_offsets_on_both_sides_of_dst():
    presession = PlacedPresessionFactory()
    calendar = icalendar.Calendar.from_ical(build_calendar([presession]))

    (zone,) = calendar.walk("VTIMEZONE")
    tz = zone.to_tz()

    assert dt.datetime(2027, 3, 27, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime(2027, 3, 29, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=2)
    assert dt.datetime(2027, 10, 30, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=2)
    assert dt.datetime(2027, 11, 1, 12, tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
