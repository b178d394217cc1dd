"""Check-in on the day (phone-first, htmx optional) and the attendance figures with their exports."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import guard
from core.errors import DomainError
from embassies.invitations.selectors import panel_by_token
from embassies.missions.models import PermanentMission
from presessions.models import Presession, Round

from . import exports, figures, selectors, services
from .forms import WalkInForm
from .models import CheckIn

PERM = "embassies.manage_attendance"


def _panel(request, token, **kwargs):
    try:
        return panel_by_token(token)
    except Presession.DoesNotExist:
        raise Http404 from None


def _round(request, number, **kwargs):
    return get_object_or_404(Round.objects.select_related("session"), number=number)


@guard(PERM, gate=PERM, get_object=_panel)
def checkin(request, token, obj):
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "presession": obj,
        "rows": selectors.checkin_board(obj, query=query),
        "query": query,
        "walk_in_form": WalkInForm(),
    }
    return render(request, "embassies/checkin.html", context)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def checkin_tap(request, token, obj):
    """Check one delegate in (``name``) or out (``undo`` = a check-in id) for one Mission."""
    mission = get_object_or_404(
        PermanentMission.objects.select_related("state"), pk=request.POST.get("mission")
    )
    try:
        if request.POST.get("undo"):
            checkin = get_object_or_404(CheckIn, presession=obj, mission=mission, pk=request.POST["undo"])
            services.undo_check_in(checkin, by=request.user)
        else:
            services.check_in(obj, mission, request.POST.get("name", ""), by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    if request.htmx:
        row = selectors.board_row(obj, mission)
        return render(request, "embassies/_checkin_row.html", {"presession": obj, "row": row})
    return _back(obj, request.POST.get("q", ""), mission)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def checkin_walk_in(request, token, obj):
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            services.check_in(obj, form.cleaned_data["mission"], form.cleaned_data["name"], by=request.user)
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("%(name)s is checked in.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(request, _("Choose the Mission and enter the delegate's name."))
    return _back(obj, "", form.cleaned_data.get("mission") if form.is_valid() else None)


def _back(presession, query, mission):
    url = reverse("embassies:checkin", args=[presession.token])
    if query:
        url += "?" + urlencode({"q": query})
    return redirect(url + (f"#mission-{mission.pk}" if mission else ""))


@guard(PERM, gate=PERM, get_object=_round)
def attendance_figures(request, number, obj):
    data = figures.round_figures(obj)
    context = {
        "round": obj,
        "figures": data,
        "panel_chart": figures.panel_chart(data),
        "group_chart": figures.group_chart(data),
    }
    return render(request, "embassies/attendance_figures.html", context)


@guard(PERM, gate=PERM, get_object=_round)
def attendance_export(request, number, what, file_format, obj):
    if what == "figures":
        header, rows = figures.export_rows(figures.round_figures(obj))
    else:
        header, rows = exports.checkin_rows(obj)
    return exports.spreadsheet_response(
        header, rows, filename=f"attendance-{what}-{obj.number}", file_format=file_format, title=what
    )
