import datetime as dt
import json

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from lxml import etree

from presessions.models import GENEVA, PersonalFeed
from presessions.programme import services
from presessions.programme.calendar import event_uid
from presessions.programme.releases import publish_release
from speakers.models import Application
from tests.factories.presessions import RoundFactory
from tests.factories.programme import PlacedPresessionFactory, RoomFactory, RoundDayFactory, SpeakerFactory
from tests.factories.world import user_with_mfa

pytestmark = pytest.mark.django_db

HIDDEN = ("Hidden Person", "Hidden Org", "Nameless Person", "hidden@example.org", "visible@example.org")


def at(hour, day=1):
    return dt.datetime(2027, 3, day, hour, 0, tzinfo=GENEVA)


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    """A published round: one panel with a consenting, an at-risk and a half-consenting speaker."""
    round_ = RoundFactory(number=61, venue="Palais des Nations")
    RoundDayFactory(round=round_, date=dt.date(2027, 3, 1))
    room = RoomFactory(round=round_, name="Room XXIV")
    panel = PlacedPresessionFactory(
        round=round_, room=room, starts_at=at(10), moderator_name="Mona Moderator"
    )
    SpeakerFactory(
        presession=panel,
        speaker_name="Visible Person",
        organisation__name="Visible Org",
        speaker_email="visible@example.org",
    )
    SpeakerFactory(
        presession=panel,
        speaker_name="Hidden Person",
        organisation__name="Hidden Org",
        speaker_email="hidden@example.org",
        at_risk=True,
    )
    SpeakerFactory(
        presession=panel,
        speaker_name="Nameless Person",
        organisation__name="Known Org",
        consent_publish_name=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_release(round_)
    return round_, panel


def _get(name, **kwargs):
    return Client().get(reverse(f"presessions:{name}", kwargs=kwargs))


def _assert_nothing_hidden(text):
    for secret in HIDDEN:
        assert secret not in text


def test_programme_page_shows_consenting_speakers_only(published, settings):
    round_, panel = published

    response = _get("public_programme", number=round_.number)
    page = response.content.decode()

    assert response.status_code == 200
    assert "Visible Person (Visible Org)" in page
    assert page.count("a civil-society speaker") == 2
    assert "a civil-society speaker (Known Org)" in page
    assert "Mona Moderator" in page and "Room XXIV" in page
    assert (
        f"webcal://testserver{reverse('presessions:round_ics', kwargs={'number': 61})}" in page
        or "webcal://" in page
    )
    _assert_nothing_hidden(page)


def test_panel_and_live_pages_honour_consent_and_risk(published):
    _round, panel = published

    for name in ("public_panel", "panel_live"):
        response = _get(name, token=panel.token)
        page = response.content.decode()
        assert response.status_code == 200
        assert "Visible Person (Visible Org)" in page
        _assert_nothing_hidden(page)


def test_programme_page_in_french_and_with_visitor_time_zone(published):
    round_, _panel = published
    client = Client(headers={"accept-language": "fr"})

    page = client.get(
        reverse("presessions:public_programme", kwargs={"number": round_.number}), {"tz": "America/Bogota"}
    ).content.decode()

    assert "<h1>Programme de Pre-sessions 61</h1>" in page
    assert "04:00–05:00" in page  # 10:00 Geneva (UTC+1) = 04:00 in Bogotá (UTC-5)
    assert "America/Bogota" in page


def test_unknown_visitor_zone_is_ignored(published):
    round_, _panel = published

    response = Client().get(
        reverse("presessions:public_programme", kwargs={"number": round_.number}), {"tz": "X/Y"}
    )

    assert response.status_code == 200
    assert response.context["visitor_zone"] is None


def test_public_programme_is_404_before_the_first_release():
    round_ = RoundFactory()
    panel = PlacedPresessionFactory(round=round_)

    assert _get("public_programme", number=round_.number).status_code == 404
    assert _get("round_ics", number=round_.number).status_code == 404
    assert _get("public_panel", token=panel.token).status_code == 404
    assert _get("frab_json", number=round_.number).status_code == 404


def test_public_shows_the_release_not_the_draft(published):
    round_, panel = published
    services.update_panel(panel, starts_at=at(15), ends_at=at(16))

    page = _get("public_programme", number=round_.number).content.decode()

    assert "10:00–11:00" in page
    assert "15:00" not in page


def test_round_ics_is_a_calendar_with_stable_uids_and_no_speakers(published):
    round_, panel = published

    response = _get("round_ics", number=round_.number)
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(event["UID"]) == event_uid(panel)
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Zurich"
    _assert_nothing_hidden(response.content.decode())
    assert "Visible Person" not in response.content.decode()


def test_panel_ics(published):
    _round, panel = published

    response = _get("panel_ics", token=panel.token)
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert (response["Content-Type"], str(event["UID"])) == ("text/calendar; charset=utf-8", event_uid(panel))
    _assert_nothing_hidden(response.content.decode())


def test_personal_feed_lists_only_the_persons_panels_and_is_revocable(
    published, django_capture_on_commit_callbacks
):
    round_, panel = published
    other = PlacedPresessionFactory(round=round_, starts_at=at(14))
    SpeakerFactory(presession=other, speaker_email="someone@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        publish_release(round_)
    feed = PersonalFeed.objects.get(email="visible@example.org")

    response = _get("personal_feed", token=feed.token)
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")

    assert str(event["UID"]) == event_uid(panel)
    services.revoke_feed(feed)
    assert _get("personal_feed", token=feed.token).status_code == 404
    services.reissue_feed(feed)
    assert _get("personal_feed", token=feed.token).status_code == 200


def test_frab_json_honours_consent_and_risk(published):
    round_, panel = published

    response = _get("frab_json", number=round_.number)
    data = json.loads(response.content)
    conference = data["schedule"]["conference"]
    (day,) = conference["days"]
    (event,) = day["rooms"]["Room XXIV"]

    assert (conference["time_zone_name"], conference["daysCount"], day["date"]) == (
        "Europe/Zurich",
        1,
        "2027-03-01",
    )
    assert (event["start"], event["duration"], event["room"]) == ("10:00", "01:00", "Room XXIV")
    assert [p["public_name"] for p in event["persons"]] == [
        "Visible Person",
        "a civil-society speaker",
        "a civil-society speaker",
    ]
    assert [p["organisation"] for p in event["persons"]] == ["Visible Org", "", "Known Org"]
    assert event["url"].endswith(reverse("presessions:public_panel", kwargs={"token": panel.token}))
    _assert_nothing_hidden(response.content.decode())


def test_frab_xml_honours_consent_and_risk_and_escapes(published):
    round_, panel = published
    panel.room.name = "Room <XXIV> & co"
    panel.room.save()

    response = _get("frab_xml", number=round_.number)
    root = etree.fromstring(response.content)  # noqa: S320

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert root.find("conference/time_zone_name").text == "Europe/Zurich"
    event = root.find("day/room/event")
    assert event.find("room").text == "Room <XXIV> & co"
    assert [p.text for p in event.findall("persons/person")] == [
        "Visible Person",
        "a civil-society speaker",
        "a civil-society speaker",
    ]
    _assert_nothing_hidden(response.content.decode())


def test_api_v1_honours_consent_and_risk(published):
    round_, panel = published

    response = _get("api_programme", number=round_.number)
    data = json.loads(response.content)
    (entry,) = data["panels"]

    assert (data["api_version"], data["release"]["number"]) == (1, 1)
    assert entry["id"] == event_uid(panel)
    assert entry["starts_at"] == "2027-03-01T10:00:00+01:00"
    assert entry["speakers"] == [
        {"name": "Visible Person", "organisation": "Visible Org"},
        {"name": "a civil-society speaker", "organisation": None},
        {"name": "a civil-society speaker", "organisation": "Known Org"},
    ]
    assert [item["kind"] for item in entry["running_order"]] == ["speaker"] * 3 + ["followup", "floor"]
    _assert_nothing_hidden(response.content.decode())


def test_speaker_flagged_at_risk_after_publication_disappears_at_once(published):
    round_, _panel = published
    Application.objects.filter(speaker_name="Visible Person").update(at_risk=True)

    for name in ("public_programme", "frab_json", "frab_xml", "api_programme"):
        text = _get(name, number=round_.number).content.decode()
        assert "Visible Person" not in text
        assert "Visible Org" not in text


def _many_panels(count, capture):
    round_ = RoundFactory()
    RoundDayFactory(round=round_, date=dt.date(2027, 3, 1))
    room = RoomFactory(round=round_)
    for index in range(count):
        panel = PlacedPresessionFactory(
            round=round_, room=room, starts_at=at(9) + dt.timedelta(minutes=index * 40), ends_at=None
        )
        services.update_panel(
            panel, ends_at=panel.starts_at + dt.timedelta(minutes=40), followup_minutes=5, floor_minutes=5
        )
        SpeakerFactory(presession=panel)
    with capture(execute=True):
        publish_release(round_)
    return round_


@pytest.mark.parametrize("count", [1, 12])
@pytest.mark.parametrize(
    ("name", "queries"),
    [("public_programme", 5), ("round_ics", 5), ("frab_json", 5), ("frab_xml", 5), ("api_programme", 5)],
)
def test_public_lists_and_feeds_query_count_is_constant(
    count, name, queries, django_assert_num_queries, django_capture_on_commit_callbacks
):
    round_ = _many_panels(count, django_capture_on_commit_callbacks)

    with django_assert_num_queries(queries):
        response = _get(name, number=round_.number)

    assert response.status_code == 200


def test_staff_revoke_and_reissue_a_personal_feed(published, client):
    round_, _panel = published
    feed = PersonalFeed.objects.get(email="visible@example.org")
    client.force_login(user_with_mfa(is_staff=True))
    url = reverse("presessions:programme_feeds", kwargs={"number": round_.number})

    assert feed.email in client.get(url).content.decode()
    client.post(url, {"feed": feed.pk, "action": "revoke"})
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    old = feed.token
    client.post(url, {"feed": feed.pk, "action": "reissue"})
    feed.refresh_from_db()
    assert (feed.revoked_at, feed.token != old) == (None, True)


@pytest.mark.parametrize("role", ["anonymous", "applicant_a", "reviewer"])
def test_staff_feeds_page_refused_to_others(world, login, role):
    client = login(getattr(world, role, None))

    response = client.get(reverse("presessions:programme_feeds", kwargs={"number": world.round.number}))

    assert response.status_code in (302, 403)
