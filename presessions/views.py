"""Staff pages for rounds and calls (``/staff/rounds/...``) and the public call page (``/p/calls/...``)."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.access import guard, public
from core.confirmation import render_confirmation
from presessions.rounds.models import CallQuestion, DeadlineExtension, Presession, Round

from . import selectors, services
from .forms import CallQuestionForm, DeadlineExtensionForm, RoundForm, RoundTextsForm

MANAGE = "presessions.manage_rounds"


def _round(number):
    return get_object_or_404(Round.objects.select_related("session"), number=number)


@guard(MANAGE)
def round_list(request):
    rounds = selectors.rounds_with_counts()
    return render(request, "presessions/round_list.html", {"rounds": rounds})


@guard(MANAGE)
def round_create(request):
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "session"}
        if not data.get("title"):
            data.pop("title", None)
        try:
            round_ = services.create_round(
                session=form.cleaned_data["session"], created_by=request.user, **data
            )
        except services.RoundError as error:
            form.add_error(error.code, str(error))
        else:
            messages.success(
                request,
                _("Round created with %(count)s proposed Pre-sessions.")
                % {"count": round_.presessions.count()},
            )
            return redirect("presessions:round_detail", number=round_.number)
    return render(request, "presessions/round_form.html", {"form": form})


@guard(MANAGE)
def round_edit(request, number):
    round_ = _round(number)
    form = RoundForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_round(round_, actor=request.user, **form.cleaned_data)
        except services.RoundError as error:
            form.add_error(error.code, str(error))
        else:
            messages.success(request, _("Round saved."))
            return redirect("presessions:round_detail", number=round_.number)
    return render(request, "presessions/round_form.html", {"form": form, "round": round_})


@guard(MANAGE)
def round_texts(request, number):
    round_ = _round(number)
    form = RoundTextsForm(request.POST or None, instance=round_)
    if request.method == "POST" and form.is_valid():
        services.update_round(round_, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Call texts saved."))
        return redirect("presessions:round_detail", number=round_.number)
    return render(request, "presessions/round_texts.html", {"form": form, "round": round_})


@guard(MANAGE)
def round_detail(request, number):
    round_ = _round(number)
    context = {
        "round": round_,
        "presessions": selectors.presessions_with_counts(round_),
        "questions": round_.questions.all(),
        "extensions": round_.extensions.select_related("review__state"),
        "extension_form": DeadlineExtensionForm(round_=round_),
    }
    return render(request, "presessions/round_detail.html", context)


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def round_set_call(request, number, action):
    round_ = _round(number)
    if request.method == "GET":
        return _confirm_call_change(request, round_, action)
    try:
        if action == "open":
            services.open_call(round_, actor=request.user)
            messages.success(request, _("The call is open."))
        else:
            services.close_call(round_, actor=request.user)
            messages.success(request, _("The call is closed."))
    except services.RoundError as error:
        messages.error(request, str(error))
    return redirect("presessions:round_detail", number=round_.number)


def _confirm_call_change(request, round_, action):
    if action == "open":
        title, message = _("Open the call?"), _("Anyone will be able to apply until the deadline.")
        label, danger = _("Open the call"), False
    else:
        title = _("Close the call?")
        message = _("Nobody will be able to start or submit an application for %(round)s any more.") % {
            "round": round_
        }
        label, danger = _("Close the call"), True
    return render_confirmation(
        request,
        title=title,
        message=message,
        confirm_label=label,
        cancel_url=reverse("presessions:round_detail", args=[round_.number]),
        danger=danger,
    )


@guard(MANAGE)
@require_POST
def presession_status(request, number, token):
    presession = get_object_or_404(Presession, round__number=number, token=token)
    status = request.POST.get("status")
    if status not in Presession.Status.values:
        return HttpResponseBadRequest(_("Unknown status."))
    try:
        services.transition_presession(presession, status, actor=request.user)
    except services.RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Pre-session updated."))
    return redirect("presessions:round_detail", number=number)


@guard(MANAGE)
def question_form(request, number, pk=None):
    round_ = _round(number)
    question = get_object_or_404(CallQuestion, round=round_, pk=pk) if pk else None
    form = CallQuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        if question:
            services.update_question(question, **form.cleaned_data)
        else:
            services.add_question(round_=round_, **form.cleaned_data)
        messages.success(request, _("Question saved."))
        return redirect("presessions:round_detail", number=number)
    return render(request, "presessions/callquestion_form.html", {"form": form, "round": round_})


@guard(MANAGE)
@require_POST
def question_move(request, number, pk):
    question = get_object_or_404(CallQuestion, round__number=number, pk=pk)
    services.move_question(question, -1 if request.POST.get("direction") == "up" else 1)
    return redirect("presessions:round_detail", number=number)


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def question_delete(request, number, pk):
    question = get_object_or_404(CallQuestion, round__number=number, pk=pk)
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Delete this question?"),
            message=_("“%(question)s” will no longer be asked in the application form.")
            % {"question": question.label},
            confirm_label=_("Delete the question"),
            cancel_url=reverse("presessions:round_detail", args=[number]),
        )
    try:
        services.delete_question(question)
        messages.success(request, _("Question deleted."))
    except services.RoundError as error:
        messages.error(request, str(error))
    return redirect("presessions:round_detail", number=number)


@guard(MANAGE)
@require_POST
def extension_create(request, number):
    round_ = _round(number)
    form = DeadlineExtensionForm(request.POST, round_=round_)
    if form.is_valid():
        try:
            services.extend_deadline(round_=round_, created_by=request.user, **form.cleaned_data)
        except services.RoundError as error:
            form.add_error(error.code, str(error))
        else:
            messages.success(request, _("Deadline extended."))
            return redirect("presessions:round_detail", number=number)
    context = {"round": round_, "extension_form": form}
    return render(request, "presessions/deadlineextension_form.html", context, status=400)


@guard(MANAGE)
@require_http_methods(["GET", "POST"])
def extension_delete(request, number, pk):
    extension = get_object_or_404(
        DeadlineExtension.objects.select_related("review__state"), round__number=number, pk=pk
    )
    if request.method == "GET":
        return render_confirmation(
            request,
            title=_("Remove this extension?"),
            message=_("The call for %(state)s will close at the round's deadline again.")
            % {"state": extension.review.state.name},
            confirm_label=_("Remove the extension"),
            cancel_url=reverse("presessions:round_detail", args=[number]),
        )
    services.remove_deadline_extension(extension)
    messages.success(request, _("Extension removed."))
    return redirect("presessions:round_detail", number=number)


@public
def call_detail(request, key):
    """Public page of a call: its texts in the visitor's language, its Pre-sessions and deadlines."""
    round_ = selectors.round_by_key(key)
    if round_ is None:
        raise Http404
    extensions = {e.review_id: e.closes_at for e in round_.extensions.all()}
    presessions = [
        (presession, extensions.get(presession.review_id, round_.call_closes_at))
        for presession in selectors.open_presessions(round_)
    ]
    context = {
        "round": round_,
        "presessions": presessions,
        "now": timezone.now(),
        "is_open": round_.status == Round.Status.OPEN,
    }
    return render(request, "presessions/call_detail.html", context)
