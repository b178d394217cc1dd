"""Invitation pages: the staff's guest lists, sending, answers and reminders; the diplomats' RSVP page."""

from functools import partial

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.access import guard, public
from core.errors import DomainError
from presessions.models import Presession
from presessions.programme.calendar import build_calendar

from . import delivery, links, selectors, services, tasks
from .forms import GuestRulesForm, RsvpForm, StaffAnswerForm
from .links import answers_open
from .models import Invitation
from .targeting import build_guest_list, panel_issues

PERM = "embassies.manage_invitations"


def _panel(request, token, **kwargs):
    try:
        return selectors.panel_by_token(token)
    except Presession.DoesNotExist:
        raise Http404 from None


@guard(PERM)
def invitation_overview(request):
    panels = selectors.panels_with_invitation_counts()
    return render(request, "embassies/invitation_overview.html", {"panels": panels})


@guard(PERM, gate=PERM, get_object=_panel)
def guest_list(request, token, obj):
    presession = obj
    data = request.POST if request.method == "POST" else (request.GET if "preview" in request.GET else None)
    form = GuestRulesForm(data, initial={"issues": panel_issues(presession), "troika": True})
    guests = None
    if data is not None and form.is_valid():
        guests = build_guest_list(presession, form.rules())
        if request.method == "POST":
            added = services.add_guests(presession, guests, by=request.user)
            messages.success(
                request,
                ngettext(
                    "%(count)d Mission added to the guest list.",
                    "%(count)d Missions added to the guest list.",
                    added,
                )
                % {"count": added},
            )
            return redirect("embassies:guest_list", token=presession.token)
    context = {
        "presession": presession,
        "form": form,
        "guests": guests,
        "invitations": selectors.invitations_of(presession),
        "counts": selectors.invitation_counts(presession),
    }
    return render(request, "embassies/guest_list.html", context)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def guest_withdraw(request, token, pk, obj):
    invitation = get_object_or_404(Invitation, presession=obj, pk=pk)
    try:
        services.withdraw_guest(invitation, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(mission)s is off the guest list.") % {"mission": invitation.mission})
    return redirect("embassies:guest_list", token=obj.token)


def _invitation_of(panel, pk):
    return get_object_or_404(
        Invitation.objects.select_related("mission__state", "presession"), presession=panel, pk=pk
    )


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def guest_send(request, token, obj):
    """Send the panel's unsent invitations (in a background task, after commit)."""
    return _queue_sending(request, [obj])


@require_POST
@guard(PERM)
def invitations_send(request):
    """Send the unsent invitations of several panels at once: one mail per recipient lists them all."""
    panels = list(Presession.objects.filter(token__in=request.POST.getlist("panels")))
    if not panels:
        messages.error(request, _("Choose at least one panel."))
        return redirect("embassies:invitation_overview")
    return _queue_sending(request, panels, next_url="embassies:invitation_overview")


def _queue_sending(request, panels, next_url=None):
    placed = [p for p in panels if p.starts_at and p.ends_at]
    if len(placed) < len(panels):
        messages.error(request, _("Place every chosen panel in the programme (day, time) before inviting."))
    if placed:
        send = partial(
            tasks.send_invitations.delay, presession_ids=[p.pk for p in placed], user_id=request.user.pk
        )
        transaction.on_commit(send)
        messages.success(request, _("The invitations are being queued in the outbox."))
    if next_url:
        return redirect(next_url)
    return redirect("embassies:guest_list", token=panels[0].token)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def guest_remind(request, token, obj):
    transaction.on_commit(partial(tasks.send_reminder.delay, presession_id=obj.pk, user_id=request.user.pk))
    messages.success(request, _("A reminder is being queued for those who have not answered."))
    return redirect("embassies:guest_list", token=obj.token)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def moderator_invite(request, token, obj):
    invitation = services.invite_moderator(obj, by=request.user)
    if invitation is None:
        messages.error(request, _("This panel has no moderator with an e-mail address in the programme yet."))
    else:
        messages.success(
            request, _("%(name)s is on the guest list as moderator.") % {"name": invitation.label}
        )
    return redirect("embassies:guest_list", token=obj.token)


@guard(PERM, gate=PERM, get_object=_panel)
def invitation_answer(request, token, pk, obj):
    """Staff record an answer on the Mission's behalf (note verbale, phone…), with who and when."""
    invitation = _invitation_of(obj, pk)
    form = StaffAnswerForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_rsvp(
                invitation,
                **form.answer(),
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Answer recorded for %(name)s.") % {"name": invitation.label})
            return redirect("embassies:guest_list", token=obj.token)
    context = {"presession": obj, "invitation": invitation, "form": form}
    return render(request, "embassies/invitation_answer.html", context)


@require_POST
@guard(PERM, gate=PERM, get_object=_panel)
def invitation_link(request, token, pk, obj):
    """Revoke a link (and send the new one), or allow or forbid forwarding it."""
    invitation = _invitation_of(obj, pk)
    action = request.POST.get("action")
    if action == "revoke":
        invitation = services.revoke_link(invitation, by=request.user)
        if invitation.status == Invitation.Status.SENT:
            delivery.resend_invitation(invitation, by=request.user)
        messages.success(request, _("The old link no longer works; the new one was sent."))
    elif action in ("forward", "bind"):
        services.set_forwarding(invitation, allowed=action == "forward", by=request.user)
        messages.success(request, _("Saved."))
    else:
        return HttpResponse(status=400)
    return redirect("embassies:guest_list", token=obj.token)


# --- The diplomat's personal RSVP page (no account, no JavaScript) ------------------------------------


def _invalid(request, status=404):
    """One answer for every link that does not work: unknown, revoked, expired, or bound elsewhere."""
    response = render(request, "embassies/rsvp_invalid.html", status=status)
    return _private(response)


def _private(response):
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _usable_invitation(request, token):
    """``(invitation, new_browser_id)``; ``invitation`` is None when the link must not work here."""
    invitation = links.open_invitation(token)
    if invitation is None or invitation.allow_forwarding:
        return invitation, None
    browser = links.browser_id(request)
    new_browser = None if browser else links.new_browser_id()
    if not services.bind_to_browser(invitation, browser or new_browser):
        return None, None
    return invitation, new_browser


@public
@never_cache
@require_http_methods(["GET", "POST"])
def rsvp(request, token):
    if links.throttled(request):
        return _invalid(request, status=429)
    invitation, new_browser = _usable_invitation(request, token)
    if invitation is None:
        return _invalid(request)
    form = RsvpForm(request.POST if request.method == "POST" else None, invitation=invitation)
    response = None
    if request.method == "POST" and form.is_valid():
        try:
            services.record_rsvp(invitation, **form.answer(), channel=Invitation.Channel.LINK)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Thank you: your answer is recorded. You can change it until the panel starts.")
            )
            response = redirect("embassies:rsvp", token=token)
    if response is None:
        invitation.refresh_from_db()
        context = {
            "invitation": invitation,
            "presession": invitation.presession,
            "form": form,
            "open": answers_open(invitation.presession),
            "meeting_url": delivery.meeting_url_of(invitation.presession),
            "sentence": invitation.personal_sentence((request.LANGUAGE_CODE or "en")[:2]),
        }
        response = render(request, "embassies/rsvp.html", context)
    if new_browser:
        links.set_browser_cookie(response, new_browser)
    return _private(response)


@public
@never_cache
@require_GET
def rsvp_calendar(request, token):
    """The panel as an .ics to add to a calendar (same UID as the invitation's)."""
    if links.throttled(request):
        return _invalid(request, status=429)
    invitation, new_browser = _usable_invitation(request, token)
    if invitation is None:
        return _invalid(request)
    ics = build_calendar([invitation.presession], method="PUBLISH", name=str(invitation.presession.round))
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="presession.ics"'
    if new_browser:
        links.set_browser_cookie(response, new_browser)
    return _private(response)
