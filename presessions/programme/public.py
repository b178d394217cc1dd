"""Public pages and files of the published programme (anonymous; each URL name is in the allow-list).

Every view reads the latest release (``published.published_programme``), never the draft, and shows
speakers only by their public identity. Panels are found by their random token, personal feeds by theirs.
"""

import json
from zoneinfo import ZoneInfo

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.access import public
from core.links import absolute_url
from presessions.programme.models import PersonalFeed
from presessions.rounds.models import Presession, Round

from . import exports
from .calendar import build_calendar
from .published import panels_of_person, published_programme
from .running_order import running_order
from .timezones import is_valid_zone

CALENDAR = "text/calendar; charset=utf-8"


def _programme(number):
    round_ = get_object_or_404(Round.objects.select_related("session"), number=number)
    programme = published_programme(round_)
    if programme is None:
        raise Http404
    return programme


def _visitor_zone(request):
    name = request.GET.get("tz", "").strip()
    return (ZoneInfo(name), name) if name and is_valid_zone(name) else (None, "")


def _calendar_response(data, filename):
    response = HttpResponse(data, content_type=CALENDAR)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _webcal(url):
    return "webcal://" + url.split("://", 1)[1]


@public
@require_GET
def programme_page(request, number):
    programme = _programme(number)
    zone, zone_name = _visitor_zone(request)
    days = [
        (
            date,
            [
                (panel, running_order(panel, programme.speakers[panel.pk]), programme.speakers[panel.pk])
                for panel in panels
            ],
        )
        for date, panels in programme.by_day()
    ]
    ics_url = absolute_url("presessions:round_ics", number=number)
    context = {
        "round": programme.round,
        "release": programme.release,
        "days": days,
        "visitor_zone": zone,
        "visitor_zone_name": zone_name,
        "ics_url": ics_url,
        "webcal_url": _webcal(ics_url),
    }
    return render(request, "presessions/programme/public_programme.html", context)


def _published_panel(token):
    presession = get_object_or_404(Presession.objects.select_related("round"), token=token)
    programme = published_programme(presession.round)
    panel = next((p for p in programme.panels if p.pk == presession.pk), None) if programme else None
    if panel is None:
        raise Http404
    return programme, panel


@public
@require_GET
def panel_page(request, token):
    programme, panel = _published_panel(token)
    zone, zone_name = _visitor_zone(request)
    speakers = programme.speakers[panel.pk]
    context = {
        "round": programme.round,
        "panel": panel,
        "items": running_order(panel, speakers),
        "speakers": speakers,
        "visitor_zone": zone,
        "visitor_zone_name": zone_name,
    }
    return render(request, "presessions/programme/public_panel.html", context)


@public
@require_GET
def live_view(request, token):
    """The moderator's phone view: the running order with a countdown per item (static JS)."""
    programme, panel = _published_panel(token)
    context = {
        "round": programme.round,
        "panel": panel,
        "items": running_order(panel, programme.speakers[panel.pk]),
    }
    return render(request, "presessions/programme/live.html", context)


@public
@require_GET
def round_ics(request, number):
    programme = _programme(number)
    name = _("%(round)s programme") % {"round": programme.round}
    data = build_calendar(programme.panels, name=name)
    return _calendar_response(data, f"presessions-{number}.ics")


@public
@require_GET
def panel_ics(request, token):
    _programme_, panel = _published_panel(token)
    return _calendar_response(build_calendar([panel]), f"presession-{panel.review.state.iso3.lower()}.ics")


@public
@require_GET
def personal_feed(request, token):
    feed = get_object_or_404(
        PersonalFeed.objects.select_related("round"), token=token, revoked_at__isnull=True
    )
    programme = published_programme(feed.round)
    panels = panels_of_person(programme.release, feed.email) if programme else []
    name = _("My Pre-sessions (%(round)s)") % {"round": feed.round}
    return _calendar_response(
        build_calendar(panels, attendee_email=feed.email, name=name), "my-presessions.ics"
    )


@public
@require_GET
def frab_json(request, number):
    return JsonResponse(exports.frab_schedule(_programme(number)), json_dumps_params={"ensure_ascii": False})


@public
@require_GET
def frab_xml(request, number):
    return HttpResponse(exports.frab_xml(_programme(number)), content_type="application/xml; charset=utf-8")


@public
@require_GET
def api_programme(request, number):
    payload = exports.api_programme(_programme(number))
    response = HttpResponse(json.dumps(payload, ensure_ascii=False), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
