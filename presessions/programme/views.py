"""Staff pages of a round's programme (``/staff/rounds/<number>/programme/...``): the timetable, rooms,
days and breaks, unavailability, and each panel with its running order."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import guard
from core.confirmation import render_confirmation
from core.errors import DomainError
from presessions.programme.models import GENEVA, DayBreak, PersonalFeed, Room, RoundDay, UnavailabilityWindow
from presessions.rounds.models import Presession, Round

from . import participants as lineup
from . import releases, selectors, services
from .conflicts import conflicts_by_panel, find_conflicts
from .forms import (
    DayBreakForm,
    PanelForm,
    ReorderForm,
    RoomForm,
    RoundDayForm,
    SpeakerSlotForm,
    UnavailabilityForm,
)
from .running_order import remaining_minutes, running_order

MANAGE = "presessions.manage_programme"


def _round(number):
    return get_object_or_404(Round.objects.select_related("session"), number=number)


def _panel(round_, token):
    panel = selectors.panel_by_token(round_, token)
    if panel is None:
        raise Http404
    return panel


def _grouped_by_day(timetable):
    """``[(date, day or None, [panels])]`` in date order, then the unplaced panels."""
    days = {day.date: day for day in timetable.days}
    placed, unplaced = {}, []
    for panel in timetable.panels:
        if panel.is_placed:
            placed.setdefault(panel.starts_at.astimezone(GENEVA).date(), []).append(panel)
        else:
            unplaced.append(panel)
    dates = sorted(set(days) | set(placed))
    return [(date, days.get(date), placed.get(date, [])) for date in dates], unplaced


@guard(MANAGE)
def timetable(request, number):
    round_ = _round(number)
    table = selectors.timetable(round_)
    conflicts = find_conflicts(table)
    by_panel = conflicts_by_panel(conflicts)
    for panel in table.panels:
        panel.conflict_count = len(by_panel.get(panel.pk, []))
    days, unplaced = _grouped_by_day(table)
    context = {
        "round": round_,
        "days": days,
        "unplaced": unplaced,
        "conflicts": conflicts,
        "hard_count": sum(1 for c in conflicts if c.is_hard),
    }
    return render(request, "presessions/programme/timetable.html", context)


def _panel_context(round_, panel, form):
    table = selectors.timetable(round_)
    speakers = table.participants.get(panel.pk, [])
    current = next(p for p in table.panels if p.pk == panel.pk)
    remaining = remaining_minutes(current, speakers) if current.is_placed else None
    return {
        "round": round_,
        "panel": current,
        "form": form,
        "speakers": speakers,
        "items": running_order(current, speakers, public=False),
        "remaining": remaining,
        "overrun": -remaining if remaining is not None and remaining < 0 else 0,
        "conflicts": conflicts_by_panel(find_conflicts(table)).get(panel.pk, []),
    }


def _panel_initial(panel):
    start = panel.starts_at.astimezone(GENEVA) if panel.starts_at else None
    return {
        "date": start.date() if start else None,
        "start": start.time() if start else None,
        "minutes": panel.slot_minutes or 60,
        "room": panel.room,
        "moderator_name": panel.moderator_name,
        "moderator_email": panel.moderator_address,
        "opening_minutes": panel.opening_minutes,
        "followup_minutes": panel.followup_minutes,
        "floor_minutes": panel.floor_minutes,
        "expected_audience": panel.expected_audience,
    }


@guard(MANAGE)
def panel_edit(request, number, token):
    round_ = _round(number)
    panel = _panel(round_, token)
    form = PanelForm(request.POST or None, presession=panel, initial=_panel_initial(panel))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        date, start, minutes = data.pop("date"), data.pop("start"), data.pop("minutes")
        data["starts_at"], data["ends_at"] = (
            services.slot_from(date, start, minutes) if date else (None, None)
        )
        try:
            services.update_panel(panel, actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Panel saved."))
            return redirect("presessions:programme_panel", number=number, token=token)
    status = 400 if form.is_bound else 200
    return render(
        request, "presessions/programme/panel_form.html", _panel_context(round_, panel, form), status=status
    )


def _running_order_response(request, round_, panel):
    """The running order again: the htmx fragment for htmx requests, else back to the panel page."""
    if request.headers.get("HX-Request"):
        context = _panel_context(round_, panel, None)
        return render(request, "presessions/programme/_running_order.html", context)
    return redirect("presessions:programme_panel", number=round_.number, token=panel.token)


@guard(MANAGE)
@require_POST
def speaker_move(request, number, token):
    round_ = _round(number)
    panel = _panel(round_, token)
    try:
        direction = -1 if request.POST.get("direction") == "up" else 1
        lineup.move_participant(panel, request.POST.get("ref", ""), direction, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    return _running_order_response(request, round_, panel)


@guard(MANAGE)
@require_POST
def speaker_reorder(request, number, token):
    round_ = _round(number)
    panel = _panel(round_, token)
    form = ReorderForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Send every speaker of the panel once."))
        lineup.reorder_participants(panel, form.refs, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    return _running_order_response(request, round_, panel)


@guard(MANAGE)
@require_POST
def speaker_update(request, number, token):
    round_ = _round(number)
    panel = _panel(round_, token)
    form = SpeakerSlotForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Check the speaker's minutes, mode and time zone."))
        lineup.update_participant(panel, request.POST.get("ref", ""), actor=request.user, **form.cleaned_data)
        messages.success(request, _("Speaker's slot saved."))
    except DomainError as error:
        messages.error(request, str(error))
    return _running_order_response(request, round_, panel)


@guard(MANAGE)
def rooms(request, number):
    round_ = _round(number)
    form = RoomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_room(round_, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Room added."))
            return redirect("presessions:programme_rooms", number=number)
    context = {"round": round_, "rooms": selectors.rooms_of(round_), "form": form}
    return render(request, "presessions/programme/rooms.html", context, status=400 if form.errors else 200)


@guard(MANAGE)
def room_edit(request, number, pk):
    round_ = _round(number)
    room = get_object_or_404(Room, round=round_, pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_room(room, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, _("Room saved."))
            return redirect("presessions:programme_rooms", number=number)
    context = {"round": round_, "room": room, "form": form}
    return render(
        request, "presessions/programme/room_form.html", context, status=400 if form.errors else 200
    )


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def room_delete(request, number, pk):
    room = get_object_or_404(Room, round__number=number, pk=pk)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Delete this room?"),
            message=_("The room “%(room)s” will be deleted; a room with panels in it cannot be.")
            % {"room": room.name},
            confirm_label=_("Delete the room"),
            cancel_url=reverse("presessions:programme_rooms", args=[number]),
        )
    try:
        services.delete_room(room, actor=request.user)
        messages.success(request, _("Room deleted."))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("presessions:programme_rooms", number=number)


@guard(MANAGE)
def days(request, number):
    round_ = _round(number)
    form = RoundDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_day(round_, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Day added."))
            return redirect("presessions:programme_days", number=number)
    context = {"round": round_, "days": selectors.days_of(round_), "form": form, "break_form": DayBreakForm()}
    return render(request, "presessions/programme/days.html", context, status=400 if form.errors else 200)


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def day_delete(request, number, pk):
    day = get_object_or_404(RoundDay, round__number=number, pk=pk)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Delete this day?"),
            message=_("%(day)s will be deleted with its opening hours and breaks.")
            % {"day": formats.date_format(day.date, "DATE_FORMAT")},
            confirm_label=_("Delete the day"),
            cancel_url=reverse("presessions:programme_days", args=[number]),
        )
    services.delete_day(day, actor=request.user)
    messages.success(request, _("Day deleted."))
    return redirect("presessions:programme_days", number=number)


@guard(MANAGE)
@require_POST
def break_add(request, number, pk):
    day = get_object_or_404(RoundDay, round__number=number, pk=pk)
    form = DayBreakForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Give the break's start and end."))
        services.add_break(day, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Break added."))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("presessions:programme_days", number=number)


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def break_delete(request, number, pk):
    pause = get_object_or_404(DayBreak.objects.select_related("day"), day__round__number=number, pk=pk)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Delete this break?"),
            message=_("The break %(break)s on %(day)s will be deleted.")
            % {"break": pause, "day": formats.date_format(pause.day.date, "DATE_FORMAT")},
            confirm_label=_("Delete the break"),
            cancel_url=reverse("presessions:programme_days", args=[number]),
        )
    services.delete_break(pause, actor=request.user)
    messages.success(request, _("Break deleted."))
    return redirect("presessions:programme_days", number=number)


@guard(MANAGE)
def unavailabilities(request, number):
    round_ = _round(number)
    form = UnavailabilityForm(request.POST or None, round_=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_unavailability(round_, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Unavailability added."))
            return redirect("presessions:programme_unavailabilities", number=number)
    context = {"round": round_, "windows": selectors.unavailabilities_of(round_), "form": form}
    return render(
        request, "presessions/programme/unavailabilities.html", context, status=400 if form.errors else 200
    )


@guard(MANAGE)
@require_POST
def unavailability_delete(request, number, pk):
    window = get_object_or_404(UnavailabilityWindow, round__number=number, pk=pk)
    services.delete_unavailability(window, actor=request.user)
    messages.success(request, _("Unavailability deleted."))
    return redirect("presessions:programme_unavailabilities", number=number)


CHANGE_KINDS = ("new", "moved", "cancelled", "speakers", "changed")


def _labelled(changelogs):
    """The changelogs with State names instead of panel ids (one query for all of them)."""
    ids = {int(k) for log in changelogs for kind in CHANGE_KINDS for k in log.get(kind, [])}
    names = {
        str(p.pk): str(p.review.state)
        for p in Presession.objects.filter(pk__in=ids).select_related("review__state")
    }
    return [
        {
            "kinds": [(kind, [names.get(k, k) for k in log.get(kind, [])]) for kind in CHANGE_KINDS],
            "notify": log.get("notify", []),
        }
        for log in changelogs
    ]


@guard(MANAGE)
def release_list(request, number):
    round_ = _round(number)
    if request.method == "POST":
        try:
            release = releases.publish_release(round_, actor=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Release %(number)s published.") % {"number": release.number})
        return redirect("presessions:programme_releases", number=number)
    published = list(round_.releases.select_related("published_by").order_by("-number"))
    changes, hard = releases.preview_release(round_)
    labelled = _labelled([changes] + [r.changelog for r in published])
    context = {
        "round": round_,
        "preview": labelled[0],
        "has_changes": releases.has_changes(changes) or not published,
        "hard": hard,
        "releases": list(zip(published, labelled[1:], strict=True)),
    }
    return render(request, "presessions/programme/release_list.html", context)


@guard(MANAGE)
def feeds(request, number):
    round_ = _round(number)
    if request.method == "POST":
        feed = get_object_or_404(PersonalFeed, round=round_, pk=request.POST.get("feed", "0") or 0)
        if request.POST.get("action") == "reissue":
            services.reissue_feed(feed, actor=request.user)
            messages.success(request, _("New feed address issued for %(email)s.") % {"email": feed.email})
        else:
            services.revoke_feed(feed, actor=request.user)
            messages.success(request, _("Feed of %(email)s revoked.") % {"email": feed.email})
        return redirect("presessions:programme_feeds", number=number)
    context = {"round": round_, "feeds": PersonalFeed.objects.filter(round=round_).order_by("email")}
    return render(request, "presessions/programme/feeds.html", context)
