"""Selection pages: the staff's board, decisions, dashboard and exports (``/staff/...``, MFA enforced by
the middleware), and the page where a selected speaker's organisation confirms or declines."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from core.access import guard
from core.errors import DomainError
from presessions import services as presession_services
from presessions.models import Presession, Round

from ..applications.models import Application
from . import exports, services
from .balance import best_reserve, has_vacancy, panel_indicators
from .dashboard import round_dashboard
from .forms import ApplyDecisionsForm, ExtendDeadlineForm, PendingDecisionForm, RespondForm
from .selectors import board_applications

MANAGE = "speakers.manage_selection"


def _presession(pk):
    return get_object_or_404(
        Presession.objects.select_related("round", "review__state", "review__session"), pk=pk
    )


def _board_context(presession, rows=None):
    rows = list(board_applications(presession)) if rows is None else rows
    for row in rows:
        # Rendered by hand in the row template (fast); the same field names as PendingDecisionForm.
        row.decision_version = services.decision_version(row)
    return {
        "presession": presession,
        "rows": rows,
        "indicators": panel_indicators(rows, presession.round.min_viable_applicants),
        "reserve": best_reserve(rows) if has_vacancy(rows) else None,
        "pending_count": sum(1 for row in rows if row.pending_decision),
        "extend_form": ExtendDeadlineForm(),
        "decision_choices": PendingDecisionForm.base_fields["decision"].choices,
    }


@require_http_methods(["GET"])
@guard(MANAGE)
def board(request, pk):
    return render(request, "speakers/presession_board.html", _board_context(_presession(pk)))


@require_POST
@guard(MANAGE)
def record_decision(request, pk, application_pk):
    presession = _presession(pk)
    application = get_object_or_404(Application, pk=application_pk, presession=presession)
    form = PendingDecisionForm(request.POST, prefix=f"a{application.pk}")
    error = None
    if not form.is_valid():
        error = _("Choose a valid decision.")
    else:
        try:
            services.record_pending_decision(
                application,
                decision=form.cleaned_data["decision"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services.SelectionError as exc:
            error = str(exc)
    if request.htmx:
        context = _board_context(presession)
        row = next(r for r in context["rows"] if r.pk == application.pk)
        return render(
            request, "speakers/_board_update.html", context | {"row": row, "error": error}, status=200
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("Pending decision recorded. Nothing is sent until you apply the decisions.")
        )
    return redirect("selection:board", pk=presession.pk)


@require_http_methods(["GET", "POST"])
@guard(MANAGE)
def confirm_decisions(request, pk):
    presession = _presession(pk)
    pending = list(
        board_applications(presession).filter(status__in=services.DECIDABLE).exclude(pending_decision="")
    )
    fingerprint = services.pending_fingerprint(pending)
    if request.method == "POST":
        form = ApplyDecisionsForm(request.POST)
        if form.is_valid():
            try:
                applied = services.apply_pending_decisions(
                    presession, actor=request.user, fingerprint=form.cleaned_data["fingerprint"]
                )
            except services.SelectionError as error:
                messages.error(request, str(error))
                return redirect("selection:confirm_decisions", pk=presession.pk)
            messages.success(
                request,
                ngettext(
                    "%(count)d decision applied; the mail is queued in the outbox.",
                    "%(count)d decisions applied; the mails are queued in the outbox.",
                    len(applied),
                )
                % {"count": len(applied)},
            )
            return redirect("selection:board", pk=presession.pk)
    for application in pending:
        application.previews = services.preview_decision_mails(application)
    return render(
        request,
        "speakers/decision_confirm.html",
        {
            "presession": presession,
            "pending": pending,
            "form": ApplyDecisionsForm(initial={"fingerprint": fingerprint}),
        },
    )


@require_POST
@guard(MANAGE)
def extend_deadline(request, pk):
    presession = _presession(pk)
    form = ExtendDeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid closing time."))
        return redirect("selection:board", pk=presession.pk)
    try:
        presession_services.extend_deadline(
            round_=presession.round,
            review=presession.review,
            closes_at=form.cleaned_data["closes_at"],
            reason=form.cleaned_data["reason"],
            created_by=request.user,
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The call for %(state)s now closes on %(when)s (Geneva time).")
            % {
                "state": presession.review.state.name,
                "when": date_format(timezone.localtime(form.cleaned_data["closes_at"]), "DATETIME_FORMAT"),
            },
        )
    return redirect("selection:board", pk=presession.pk)


@require_http_methods(["GET"])
@guard(MANAGE)
def dashboard(request, number):
    round_ = get_object_or_404(Round, number=number)
    return render(request, "speakers/round_dashboard.html", {"round": round_, **round_dashboard(round_)})


@require_http_methods(["GET"])
@guard("speakers.export_applications")
def export(request, number, kind, fmt):
    round_ = get_object_or_404(Round, number=number)
    content, content_type, filename = exports.export_round(round_, kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _application_by_token(request, token):
    return get_object_or_404(
        Application.objects.select_related("organisation", "presession__round", "presession__review__state"),
        token=token,
    )


@require_http_methods(["GET", "POST"])
@guard("speakers.respond_to_selection", get_object=_application_by_token)
def respond(request, token, obj):
    """``/my/applications/<token>/confirm/``: the organisation confirms or declines its selected speaker."""
    application = obj
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "confirm"
        try:
            services.respond_to_selection(
                application, actor=request.user, accept=accept, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Thank you: your speaker's participation is confirmed.")
                if accept
                else _("Thank you for letting us know. We have told the organisers."),
            )
        return redirect("selection:respond", token=application.token)
    return render(request, "speakers/application_confirm.html", {"application": application, "form": form})
