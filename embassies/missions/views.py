"""Staff pages on Missions and diplomats: list and search, edit, add, rotate."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.access import guard
from core.errors import DomainError
from upr.models import RegionalGroup

from . import selectors, services
from .forms import DiplomatForm, MissionForm, MissionSearchForm, RotationForm
from .models import Diplomat, PermanentMission

PAGE_SIZE = 50
PERM = "embassies.manage_missions"


def _mission(request, iso3):
    try:
        return selectors.mission_with_diplomats(iso3)
    except PermanentMission.DoesNotExist:
        raise Http404 from None


def _diplomat(request, iso3, pk):
    try:
        return selectors.diplomat_of(_mission(request, iso3), pk)
    except Diplomat.DoesNotExist:
        raise Http404 from None


@guard(PERM)
def mission_list(request):
    form = MissionSearchForm(request.GET or None, groups=RegionalGroup.objects.order_by("code"))
    query = group = ""
    if form.is_valid():
        query, group = form.cleaned_data["q"], form.cleaned_data["group"]
    page = Paginator(selectors.missions_for_list(query=query, group=group), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page}
    return render(request, "embassies/permanentmission_list.html", context)


@guard(PERM, gate=PERM, get_object=_mission)
def mission_detail(request, iso3, obj):
    form = MissionForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        services.update_mission(obj, **{name: form.cleaned_data[name] for name in services.MISSION_FIELDS})
        messages.success(request, _("Mission saved."))
        return redirect("embassies:mission_detail", iso3=obj.state.iso3)
    return render(request, "embassies/permanentmission_detail.html", {"mission": obj, "form": form})


def _save_diplomat(request, form, mission, diplomat=None):
    values = {name: form.cleaned_data[name] for name in services.DIPLOMAT_FIELDS}
    try:
        if diplomat is None:
            services.add_diplomat(mission, issues=form.cleaned_data["issues"], **values)
        else:
            services.update_diplomat(diplomat, issues=form.cleaned_data["issues"], **values)
    except DomainError as error:
        form.add_error("email", str(error))
        return False
    messages.success(request, _("Diplomat saved."))
    return True


@guard(PERM, gate=PERM, get_object=_mission)
def diplomat_create(request, iso3, obj):
    form = DiplomatForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_diplomat(request, form, obj):
        return redirect("embassies:mission_detail", iso3=obj.state.iso3)
    return render(request, "embassies/diplomat_form.html", {"mission": obj, "form": form})


@guard(PERM, gate=PERM, get_object=_diplomat)
def diplomat_edit(request, iso3, pk, obj):
    form = DiplomatForm(request.POST or None, instance=obj, initial={"issues": obj.issues.all()})
    if request.method == "POST" and form.is_valid() and _save_diplomat(request, form, obj.mission, obj):
        return redirect("embassies:mission_detail", iso3=obj.mission.state.iso3)
    context = {"mission": obj.mission, "diplomat": obj, "form": form}
    return render(request, "embassies/diplomat_form.html", context)


@guard(PERM, gate=PERM, get_object=_diplomat)
def diplomat_rotate(request, iso3, pk, obj):
    form = RotationForm(request.POST or None, diplomat=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.rotate_diplomat(
                obj,
                left_on=form.cleaned_data["left_on"],
                successor=form.cleaned_data["successor"],
                successor_values=form.successor_values(),
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s has left; the portfolio passed on.") % {"name": obj.name})
            return redirect("embassies:mission_detail", iso3=obj.mission.state.iso3)
    context = {"mission": obj.mission, "diplomat": obj, "form": form}
    return render(request, "embassies/diplomat_rotate.html", context)
