import datetime as dt

import pytest
from django.urls import reverse

from presessions.models import GENEVA, DayBreak, Presession, Room, RoundDay, UnavailabilityWindow
from speakers.lineup.models import SpeakerSlot
from tests.factories.programme import (
    PlacedPresessionFactory,
    RoomFactory,
    RoundDayFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


def _url(name, world, **kwargs):
    return reverse(f"presessions:{name}", kwargs={"number": world.round.number, **kwargs})


@pytest.mark.parametrize(
    ("role", "expected"), [("anonymous", "login"), ("applicant_a", 403), ("reviewer", 403), ("staff", 200)]
)
@pytest.mark.parametrize(
    "name",
    ["programme_timetable", "programme_rooms", "programme_days", "programme_unavailabilities", "panel"],
)
def test_programme_staff_pages_only_for_staff(world, login, role, expected, name):
    client = login(getattr(world, role, None))
    url = (
        _url("programme_panel", world, token=world.presession.token) if name == "panel" else _url(name, world)
    )

    assert _status(client.get(url)) == expected


@pytest.mark.parametrize("role", ["anonymous", "applicant_a", "reviewer"])
def test_programme_staff_posts_refused_to_others(world, login, role):
    client = login(getattr(world, role, None))

    response = client.post(
        _url("programme_rooms", world), {"name": "Sneaky", "capacity": 1, "mode": "hybrid"}
    )

    assert _status(response) in ("login", 403)
    assert Room.objects.count() == 0


def test_room_add_edit_delete(world, login):
    client = login(world.staff)
    data = {
        "name": "Room XXIV",
        "capacity": 80,
        "mode": "hybrid",
        "meeting_url": "",
        "access_notes": "",
        "order": 0,
    }

    assert client.post(_url("programme_rooms", world), data).status_code == 302
    room = Room.objects.get()
    assert (room.round, room.name, room.capacity) == (world.round, "Room XXIV", 80)
    assert client.post(_url("programme_rooms", world), data).status_code == 400  # same name twice

    client.post(_url("programme_room_edit", world, pk=room.pk), {**data, "capacity": 40})
    room.refresh_from_db()
    assert room.capacity == 40

    client.post(_url("programme_room_delete", world, pk=room.pk))
    assert Room.objects.count() == 0


def test_room_with_panels_cannot_be_deleted(world, login):
    panel = PlacedPresessionFactory(round=world.round)

    login(world.staff).post(_url("programme_room_delete", world, pk=panel.room_id))

    assert Room.objects.filter(pk=panel.room_id).exists()


def test_day_and_break_added_in_geneva_time(world, login):
    client = login(world.staff)

    client.post(
        _url("programme_days", world), {"date": "2027-03-01", "opens_at": "09:00", "closes_at": "18:00"}
    )
    day = RoundDay.objects.get()
    client.post(
        _url("programme_break_add", world, pk=day.pk),
        {"starts_at": "12:30", "ends_at": "14:00", "label": "Lunch"},
    )
    client.post(_url("programme_break_add", world, pk=day.pk), {"starts_at": "18:30", "ends_at": "19:00"})

    (pause,) = DayBreak.objects.all()
    assert (pause.day, pause.starts_at, pause.ends_at, pause.label) == (
        day,
        dt.time(12, 30),
        dt.time(14),
        "Lunch",
    )
    client.post(_url("programme_break_delete", world, pk=pause.pk))
    client.post(_url("programme_day_delete", world, pk=day.pk))
    assert (RoundDay.objects.count(), DayBreak.objects.count()) == (0, 0)


def test_unavailability_added_and_deleted(world, login):
    client = login(world.staff)
    data = {
        "kind": "moderator",
        "label": "Travelling",
        "starts_at": "2027-03-01T09:00",
        "ends_at": "2027-03-01T12:00",
        "moderator_email": "Mod@Example.org",
        "weight": 10,
    }

    assert client.post(_url("programme_unavailabilities", world), data).status_code == 302
    window = UnavailabilityWindow.objects.get()
    assert window.moderator_email == "mod@example.org"
    assert window.starts_at == dt.datetime(2027, 3, 1, 9, tzinfo=GENEVA)
    client.post(_url("programme_unavailability_delete", world, pk=window.pk))
    assert UnavailabilityWindow.objects.count() == 0


def _panel_data(room, **overrides):
    data = {
        "date": "2027-03-29",
        "start": "10:00",
        "minutes": 60,
        "room": room.pk,
        "moderator_name": "Ada",
        "moderator_email": "ada@example.org",
        "opening_minutes": 2,
        "followup_minutes": 10,
        "floor_minutes": 15,
        "expected_audience": 40,
    }
    return {**data, **overrides}


def test_panel_edit_places_the_panel_in_geneva_time(world, login):
    room = RoomFactory(round=world.round)

    response = login(world.staff).post(
        _url("programme_panel", world, token=world.presession.token), _panel_data(room)
    )

    assert response.status_code == 302
    panel = Presession.objects.get(pk=world.presession.pk)
    assert panel.starts_at == dt.datetime(2027, 3, 29, 8, 0, tzinfo=dt.UTC)  # 10:00 CEST
    assert panel.ends_at == dt.datetime(2027, 3, 29, 9, 0, tzinfo=dt.UTC)
    assert (panel.room, panel.moderator_name, panel.moderator_address) == (room, "Ada", "ada@example.org")
    assert (panel.opening_minutes, panel.expected_audience) == (2, 40)


def test_panel_edit_links_the_moderator_account(world, login):
    room = RoomFactory(round=world.round)

    login(world.staff).post(
        _url("programme_panel", world, token=world.presession.token),
        _panel_data(room, moderator_email="REVIEWER@example.org"),
    )

    assert Presession.objects.get(pk=world.presession.pk).moderator_user == world.reviewer


def test_panel_edit_unplaces_and_refuses_a_room_of_another_round(world, login):
    client = login(world.staff)
    url = _url("programme_panel", world, token=world.presession.token)
    client.post(url, _panel_data(RoomFactory(round=world.round)))

    client.post(url, _panel_data(RoomFactory(round=world.round), date="", start=""))
    other = client.post(url, _panel_data(RoomFactory()))

    panel = Presession.objects.get(pk=world.presession.pk)
    assert (panel.starts_at, panel.ends_at) == (None, None)
    assert other.status_code == 400


def test_panel_page_shows_running_order_and_remaining_minutes(world, login):
    panel = PlacedPresessionFactory(
        round=world.round, opening_minutes=2, followup_minutes=10, floor_minutes=15
    )
    SpeakerFactory(presession=panel, speaker_name="Ana Speaker")

    response = login(world.staff).get(_url("programme_panel", world, token=panel.token))

    assert [item.kind for item in response.context["items"]] == ["opening", "speaker", "followup", "floor"]
    assert response.context["remaining"] == 60 - 2 - 5 - 10 - 15
    assert "Ana Speaker" in response.content.decode()


def _order(panel):
    return list(
        SpeakerSlot.objects.filter(application__presession=panel)
        .order_by("position")
        .values_list("application__speaker_name", flat=True)
    )


def test_speaker_moves_up_and_down_without_javascript(world, login):
    panel = PlacedPresessionFactory(round=world.round)
    first = SpeakerFactory(presession=panel, speaker_name="First")
    second = SpeakerFactory(presession=panel, speaker_name="Second")
    client = login(world.staff)
    url = _url("programme_speaker_move", world, token=panel.token)

    response = client.post(url, {"ref": f"application:{second.pk}", "direction": "up"})

    assert response.status_code == 302
    assert _order(panel) == ["Second", "First"]
    client.post(url, {"ref": f"application:{second.pk}", "direction": "down"})
    assert _order(panel) == ["First", "Second"]
    assert first.pk


def test_speaker_reorder_by_drag_and_drop_answers_the_fragment(world, login):
    panel = PlacedPresessionFactory(round=world.round)
    speakers = [SpeakerFactory(presession=panel, speaker_name=name) for name in ("A", "B", "C")]
    refs = [f"application:{speakers[i].pk}" for i in (2, 0, 1)]

    response = login(world.staff).post(
        _url("programme_speaker_reorder", world, token=panel.token), {"ref": refs}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "presessions/programme/_running_order.html"
    assert _order(panel) == ["C", "A", "B"]


def test_speaker_reorder_refuses_a_speaker_of_another_panel(world, login):
    panel = PlacedPresessionFactory(round=world.round)
    mine = SpeakerFactory(presession=panel)
    stranger = SpeakerFactory(presession=world.presession)

    login(world.staff).post(
        _url("programme_speaker_reorder", world, token=panel.token),
        {"ref": [f"application:{stranger.pk}", f"application:{mine.pk}"]},
    )

    assert SpeakerSlot.objects.count() == 0


def test_speaker_slot_update(world, login):
    panel = PlacedPresessionFactory(round=world.round)
    speaker = SpeakerFactory(presession=panel)
    url = _url("programme_speaker_update", world, token=panel.token)
    client = login(world.staff)

    client.post(
        url, {"ref": f"application:{speaker.pk}", "minutes": 7, "mode": "online", "time_zone": "Asia/Tokyo"}
    )
    client.post(
        url, {"ref": f"application:{speaker.pk}", "minutes": 7, "mode": "online", "time_zone": "Mars/Base"}
    )

    slot = SpeakerSlot.objects.get()
    assert (slot.application, slot.minutes, slot.mode, slot.time_zone) == (speaker, 7, "online", "Asia/Tokyo")


def test_timetable_lists_panels_by_day_and_conflicts(world, login):
    room = RoomFactory(round=world.round)
    RoundDayFactory(round=world.round, date=dt.date(2027, 3, 1))
    PlacedPresessionFactory(round=world.round, room=room)
    PlacedPresessionFactory(round=world.round, room=room)

    response = login(world.staff).get(_url("programme_timetable", world))

    ((date, day, panels),) = response.context["days"]
    assert (date, len(panels)) == (dt.date(2027, 3, 1), 2)
    assert [c.kind for c in response.context["conflicts"]] == ["room"]
    assert response.context["hard_count"] == 1
    assert len(response.context["unplaced"]) == 2  # the world's own two panels


@pytest.mark.parametrize("count", [1, 12])
def test_timetable_query_count_is_constant(world, client, django_assert_num_queries, count):
    RoundDayFactory(round=world.round, date=dt.date(2027, 3, 1))
    for hour in range(count):
        panel = PlacedPresessionFactory(
            round=world.round,
            starts_at=dt.datetime(2027, 3, 1, 9, tzinfo=GENEVA) + dt.timedelta(minutes=40 * hour),
        )
        SpeakerFactory(presession=panel)
    client.force_login(world.staff)
    client.get(_url("programme_timetable", world))

    with django_assert_num_queries(10):
        client.get(_url("programme_timetable", world))


@pytest.mark.parametrize("count", [1, 8])
def test_panel_page_query_count_is_constant(world, client, django_assert_num_queries, count):
    panel = PlacedPresessionFactory(round=world.round)
    for _ in range(count):
        SpeakerFactory(presession=panel)
    client.force_login(world.staff)
    client.get(_url("programme_timetable", world))

    with django_assert_num_queries(11):
        client.get(_url("programme_panel", world, token=panel.token))


def test_room_day_and_break_deletion_ask_for_confirmation_first(world, login):
    client = login(world.staff)
    room = Room.objects.create(round=world.round, name="Room XXIV", capacity=80)
    day = RoundDay.objects.create(
        round=world.round, date=dt.date(2027, 3, 1), opens_at=dt.time(9), closes_at=dt.time(18)
    )
    pause = DayBreak.objects.create(day=day, starts_at=dt.time(12, 30), ends_at=dt.time(14), label="Lunch")
    assert (
        'class="button button-danger button-small"'
        in client.get(_url("programme_rooms", world)).content.decode()
    )

    pages = {
        "Delete this room?": client.get(_url("programme_room_delete", world, pk=room.pk)),
        "Delete this day?": client.get(_url("programme_day_delete", world, pk=day.pk)),
        "Delete this break?": client.get(_url("programme_break_delete", world, pk=pause.pk)),
    }

    for title, response in pages.items():
        html = response.content.decode()
        assert f"<h1>{title}</h1>" in html
        assert '<button type="submit" class="button-danger">' in html
    assert "1 March 2027 will be deleted" in pages["Delete this day?"].content.decode()
    assert (Room.objects.count(), RoundDay.objects.count(), DayBreak.objects.count()) == (1, 1, 1)
