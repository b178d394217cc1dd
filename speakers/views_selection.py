"""Staff pages of review and selection (``/staff/...``, MFA enforced by the middleware)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from presessions import services as presession_services
from presessions.models import Presession, Round

from . import exports, services_review, services_selection
from .access import permission
from .balance import best_reserve, has_vacancy, panel_indicators
from .dashboard import round_dashboard
from .forms_review import ApplyDecisionsForm, AssignReviewersForm, ExtendDeadlineForm, PendingDecisionForm
from .models import Application
from .selectors_review import board_applications, criteria_for

MANAGE = "speakers.manage_selection"


def _presession(pk):
    return get_object_or_404(
        Presession.objects.select_related("round", "review__state", "review__session"), pk=pk
    )


@require_http_methods(["GET"])
@permission(MANAGE)
def round_review(request, number):
    round_ = get_object_or_404(Round, number=number)
    presessions = round_.presessions.select_related("review__state").order_by("review__state__name_en")
    return render(
        request,
        "speakers/round_review.html",
        {
            "round": round_,
            "criteria": criteria_for(round_),
            "presessions": presessions,
            "assign_form": AssignReviewersForm(round_=round_),
        },
    )


@require_POST
@permission(MANAGE)
def assign_reviewers(request, number):
    round_ = get_object_or_404(Round, number=number)
    form = AssignReviewersForm(request.POST, round_=round_)
    if not form.is_valid():
        messages.error(request, _("Choose at least one reviewer."))
        return redirect("review:round_review", number=round_.number)
    presession = form.cleaned_data["presession"]
    scope = (
        Application.objects.filter(presession=presession)
        if presession
        else Application.objects.filter(presession__round=round_)
    )
    created, skipped = services_review.assign_reviewers(
        applications=scope, reviewers=form.cleaned_data["reviewers"], actor=request.user
    )
    messages.success(
        request,
        _("%(created)s assignments made; %(skipped)s skipped because of a conflict of interest.")
        % {"created": created, "skipped": skipped},
    )
    return redirect("review:round_review", number=round_.number)


def _board_context(presession, rows=None):
    rows = list(board_applications(presession)) if rows is None else rows
    for row in rows:
        # Rendered by hand in the row template (fast); the same field names as PendingDecisionForm.
        row.decision_version = services_selection.decision_version(row)
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
@permission(MANAGE)
def board(request, pk):
    return render(request, "speakers/presession_board.html", _board_context(_presession(pk)))


@require_POST
@permission(MANAGE)
def record_decision(request, pk, application_pk):
    presession = _presession(pk)
    application = get_object_or_404(Application, pk=application_pk, presession=presession)
    form = PendingDecisionForm(request.POST, prefix=f"a{application.pk}")
    error = None
    if not form.is_valid():
        error = _("Choose a valid decision.")
    else:
        try:
            services_selection.record_pending_decision(
                application,
                decision=form.cleaned_data["decision"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except services_selection.SelectionError as exc:
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
    return redirect("review:board", pk=presession.pk)


@require_http_methods(["GET", "POST"])
@permission(MANAGE)
def confirm_decisions(request, pk):
    presession = _presession(pk)
    pending = list(
        board_applications(presession)
        .filter(status__in=services_selection.DECIDABLE)
        .exclude(pending_decision="")
    )
    fingerprint = services_selection.pending_fingerprint(pending)
    if request.method == "POST":
        form = ApplyDecisionsForm(request.POST)
        if form.is_valid():
            try:
                applied = services_selection.apply_pending_decisions(
                    presession, actor=request.user, fingerprint=form.cleaned_data["fingerprint"]
                )
            except services_selection.SelectionError as error:
                messages.error(request, str(error))
                return redirect("review:confirm_decisions", pk=presession.pk)
            messages.success(
                request,
                ngettext(
                    "%(count)d decision applied; the mail is queued in the outbox.",
                    "%(count)d decisions applied; the mails are queued in the outbox.",
                    len(applied),
                )
                % {"count": len(applied)},
            )
            return redirect("review:board", pk=presession.pk)
    for application in pending:
        application.previews = services_selection.preview_decision_mails(application)
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
@permission(MANAGE)
def extend_deadline(request, pk):
    presession = _presession(pk)
    form = ExtendDeadlineForm(request.POST)
    if form.is_valid():
        presession_services.extend_deadline(
            round_=presession.round,
            review=presession.review,
            closes_at=form.cleaned_data["closes_at"],
            reason=form.cleaned_data["reason"],
            created_by=request.user,
        )
        messages.success(
            request,
            _("The call for %(state)s now closes on %(when)s (Geneva time).")
            % {
                "state": presession.review.state.name,
                "when": date_format(timezone.localtime(form.cleaned_data["closes_at"]), "DATETIME_FORMAT"),
            },
        )
    else:
        messages.error(request, _("Give a valid closing time."))
    return redirect("review:board", pk=presession.pk)


@require_http_methods(["GET"])
@permission(MANAGE)
def dashboard(request, number):
    round_ = get_object_or_404(Round, number=number)
    return render(request, "speakers/round_dashboard.html", {"round": round_, **round_dashboard(round_)})


@require_http_methods(["GET"])
@permission("speakers.export_applications")
def export(request, number, kind, fmt):
    round_ = get_object_or_404(Round, number=number)
    content, content_type, filename = exports.export_round(round_, kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
