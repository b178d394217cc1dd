"""Open exports of the published programme: frab-compatible JSON and XML, and the versioned JSON API.

Every builder reads a ``published.PublishedProgramme`` (no query of its own) and uses only the public
name and organisation of speakers (``participants.public_identity``): a speaker at risk or without
consent is "a civil-society speaker", with no organisation and no identifier.

The frab format is the one pretalx and conference apps (Giggity, ConfClerk, c3nav...) read:
https://github.com/voc/schedule/tree/master/validator — days → rooms → events, times in the
conference's time zone, durations "HH:MM".
"""

import uuid
import xml.etree.ElementTree as ET  # noqa: S405 (building XML only; nothing is parsed)

from django.utils.translation import gettext as _

from core.links import absolute_url
from presessions.programme.models import GENEVA

from .calendar import event_uid
from .running_order import running_order

API_VERSION = 1
GUID_NAMESPACE = uuid.UUID("6f0a3f4e-8f7b-4b8e-9d55-2a5bd0c7a101")


def _duration(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _title(panel):
    return _("Pre-session on %(state)s") % {"state": panel.review.state.name}


def _persons(programme, panel):
    return [
        {"name": p.public_name, "public_name": p.public_name, "organisation": p.public_organisation}
        for p in programme.speakers.get(panel.pk, [])
    ]


def frab_event(programme, panel):
    start = panel.starts_local
    return {
        "guid": str(uuid.uuid5(GUID_NAMESPACE, event_uid(panel))),
        "id": panel.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _duration(panel.slot_minutes),
        "room": panel.room.name if panel.room else "",
        "slug": f"presessions-{programme.round.number}-{panel.review.state.iso3.lower()}",
        "url": absolute_url("presessions:public_panel", token=panel.token),
        "title": _title(panel),
        "subtitle": "",
        "track": panel.review.state.name,
        "type": "panel",
        "language": ",".join(programme.round.languages or ["en"]),
        "abstract": "",
        "description": _("Moderator: %(name)s") % {"name": panel.moderator_display_name}
        if panel.moderator_display_name
        else "",
        "logo": "",
        "persons": _persons(programme, panel),
        "links": [],
        "attachments": [],
        "recording_license": "",
        "do_not_record": True,
    }


def frab_schedule(programme):
    """The frab/pretalx ``schedule.json`` structure."""
    round_ = programme.round
    days = []
    for index, (date, panels) in enumerate(programme.by_day(), start=1):
        rooms = {}
        for panel in panels:
            rooms.setdefault(panel.room.name if panel.room else "", []).append(frab_event(programme, panel))
        days.append(
            {
                "index": index,
                "date": date.isoformat(),
                "day_start": panels[0].starts_local.isoformat(),
                "day_end": max(p.ends_at for p in panels).astimezone(GENEVA).isoformat(),
                "rooms": rooms,
            }
        )
    dates = [d["date"] for d in days]
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "upr-presessions", "version": str(API_VERSION)},
        "schedule": {
            "version": str(programme.release.number),
            "base_url": absolute_url("presessions:public_programme", number=round_.number),
            "conference": {
                "acronym": f"presessions-{round_.number}",
                "title": str(round_),
                "start": dates[0] if dates else "",
                "end": dates[-1] if dates else "",
                "daysCount": len(days),
                "timeslot_duration": "00:05",
                "time_zone_name": "Europe/Zurich",
                "rooms": [
                    {"name": room.name, "guid": str(uuid.uuid5(GUID_NAMESPACE, f"room-{room.pk}"))}
                    for room in programme.rooms()
                ],
                "days": days,
            },
        },
    }


def frab_xml(programme):
    """The frab ``schedule.xml`` document (bytes, UTF-8), from the same data as the JSON."""
    data = frab_schedule(programme)["schedule"]
    conference = data["conference"]
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", name="upr-presessions", version=str(API_VERSION))
    ET.SubElement(root, "version").text = data["version"]
    head = ET.SubElement(root, "conference")
    for name in ("acronym", "title", "start", "end", "daysCount", "timeslot_duration", "time_zone_name"):
        ET.SubElement(head, name.replace("daysCount", "days")).text = str(conference[name])
    ET.SubElement(head, "base_url").text = data["base_url"]
    for day in conference["days"]:
        day_node = ET.SubElement(
            root, "day", index=str(day["index"]), date=day["date"], start=day["day_start"], end=day["day_end"]
        )
        for room_name, events in day["rooms"].items():
            room_node = ET.SubElement(day_node, "room", name=room_name)
            for event in events:
                _xml_event(room_node, event)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml_event(parent, event):
    node = ET.SubElement(parent, "event", guid=event["guid"], id=str(event["id"]))
    for name in (
        "date",
        "start",
        "duration",
        "room",
        "slug",
        "url",
        "title",
        "subtitle",
        "track",
        "type",
        "language",
        "abstract",
        "description",
    ):
        ET.SubElement(node, name).text = str(event[name])
    persons = ET.SubElement(node, "persons")
    for person in event["persons"]:
        ET.SubElement(persons, "person").text = person["public_name"]
    ET.SubElement(node, "links")
    ET.SubElement(node, "attachments")


def api_programme(programme):
    """The versioned read-only API payload (``/api/v1/rounds/<number>/programme/``), see the README."""
    round_ = programme.round
    return {
        "api_version": API_VERSION,
        "round": {
            "number": round_.number,
            "title": str(round_),
            "venue": round_.venue,
            "time_zone": "Europe/Zurich",
        },
        "release": {
            "number": programme.release.number,
            "published_at": programme.release.published_at.isoformat(),
        },
        "panels": [_api_panel(programme, panel) for panel in programme.panels],
    }


def _api_panel(programme, panel):
    speakers = programme.speakers.get(panel.pk, [])
    return {
        "id": event_uid(panel),
        "state": {"iso3": panel.review.state.iso3, "name": panel.review.state.name},
        "title": _title(panel),
        "starts_at": panel.starts_local.isoformat(),
        "ends_at": panel.ends_at.astimezone(GENEVA).isoformat(),
        "room": panel.room.name if panel.room else None,
        "moderator": panel.moderator_display_name or None,
        "url": absolute_url("presessions:public_panel", token=panel.token),
        "ics": absolute_url("presessions:panel_ics", token=panel.token),
        "sequence": panel.calendar_sequence,
        "running_order": [
            {"kind": item.kind, "label": item.label, "minutes": item.minutes, "offset": item.offset}
            for item in running_order(panel, speakers, public=True)
        ],
        "speakers": [
            {"name": p.public_name, "organisation": p.public_organisation or None} for p in speakers
        ],
    }
