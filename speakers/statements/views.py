"""Speaker pages (``/my/statements/…``) and staff review pages (``/staff/…/statements/``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import guard
from core.errors import DomainError
from core.uploads import attachment_response
from presessions.models import Round
from upr.targeting import target_states

from . import (
    rules,  # noqa: F401  (registers the permissions checked here)
    selectors,
    services,
)
from .content import (
    WORD_LIMIT,
    WORDS_PER_MINUTE,
    changes,
    content_text,
    count_words,
    spoken_text,
    statement_content,
)
from .forms import ReviewForm, SectionForm, StatementForm
from .models import StatementEvent
from .smart import smart_problems

SUGGESTED_STATES = 12


def _application(request, token):
    application = selectors.speaking_application(request.user, token)
    if application is None:
        raise Http404
    return application


def _statement(request, token):
    statement = selectors.statement_by_token(token)
    if statement is None:
        raise Http404
    return statement


def _summary(statement):
    """Word count, SMART warnings and the changes since the last submitted version."""
    content = statement_content(statement)
    words = count_words(spoken_text(content))
    versions = list(statement.versions.all())
    warnings = [
        (section.issue.name, number, problem)
        for section in statement.sections.all()
        for number, rec in enumerate(section.recommendations.all(), start=1)
        for problem in smart_problems(rec.text)
    ]
    return {
        "words": words,
        "word_limit": WORD_LIMIT,
        "minutes": round(words / WORDS_PER_MINUTE, 1),
        "over_limit": words > WORD_LIMIT,
        "smart_warnings": warnings,
        "content": content,
        "versions": versions,
        "diff": changes(versions[-1].text, content_text(content)) if versions else [],
        "previous_diff": changes(versions[-2].text, versions[-1].text) if len(versions) > 1 else [],
    }


@guard("statements.list_own")
def statement_list(request):
    applications = selectors.speaking_applications_of(request.user)
    return render(request, "speakers/statements/statement_list.html", {"applications": applications})


@guard("statements.view_statement", get_object=_application)
def statement_detail(request, token, obj):
    statement = selectors.statement_of(obj)
    context = {"application": obj, "statement": statement}
    if statement is not None:
        context |= _summary(statement)
        context["problems"] = services.submission_problems(statement) if statement.is_editable else []
    return render(request, "speakers/statements/statement_detail.html", context)


@require_POST
@guard("statements.write_statement", get_object=_application)
def statement_start(request, token, obj):
    try:
        services.start_statement(obj, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("statements:detail", token=token)
    return redirect("statements:edit", token=token)


def _section_forms(statement, data=None):
    review = statement.application.presession.review
    issues = list(statement.application.issues.all())
    forms = []
    for section in statement.sections.all():
        forms.append(
            SectionForm(
                data,
                prefix=f"section-{section.pk}",
                section=section,
                earlier=selectors.earlier_recommendations(review, [section.issue_id]),
                suggested_states=target_states(review, [section.issue_id], limit=SUGGESTED_STATES),
                issues=issues,
            )
        )
    return forms


@guard("statements.write_statement", get_object=_application)
def statement_edit(request, token, obj):
    statement = selectors.statement_of(obj)
    if statement is None:
        return redirect("statements:detail", token=token)
    data = request.POST if request.method == "POST" else None
    form = StatementForm(data, request.FILES or None, instance=statement)
    section_forms = _section_forms(statement, data)
    if data is not None and form.is_valid() and all(f.is_valid() for f in section_forms):
        try:
            services.save_statement(
                statement,
                actor=request.user,
                fields=form.service_fields(),
                sections={f.section.pk: f.service_data() for f in section_forms},
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Statement saved."))
            return redirect("statements:detail", token=token)
    context = {"application": obj, "statement": statement, "form": form, "section_forms": section_forms}
    context |= _summary(statement)
    return render(request, "speakers/statements/statement_form.html", context)


@require_POST
@guard("statements.submit_statement", get_object=_application)
def statement_submit(request, token, obj):
    statement = selectors.statement_of(obj)
    if statement is None:
        raise Http404
    try:
        services.transition_statement(statement, StatementEvent.Action.SUBMIT, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Statement submitted. The team will review it."))
    return redirect("statements:detail", token=token)


@guard("statements.download_statement_file", get_object=_application)
def statement_file(request, token, obj):
    statement = selectors.statement_of(obj)
    if statement is None or not statement.file:
        raise Http404
    return attachment_response(statement.file, "statement")


# --- staff ------------------------------------------------------------------------------------------


@guard("statements.review_statements")
def round_statements(request, number):
    round_ = get_object_or_404(Round, number=number)
    statements = selectors.statements_of_round(round_)
    return render(
        request, "speakers/statements/round_statements.html", {"round": round_, "statements": statements}
    )


@guard("statements.review_statements", get_object=_statement)
def statement_review(request, token, obj):
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        if action not in StatementEvent.Action.values or action == StatementEvent.Action.SUBMIT:
            raise Http404
        try:
            services.transition_statement(obj, action, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Done: %(action)s.") % {"action": StatementEvent.Action(action).label}
            )
            return redirect("statements:review", token=token)
    context = {"statement": obj, "application": obj.application, "form": form} | _summary(obj)
    return render(request, "speakers/statements/statement_review.html", context)


@guard("statements.review_statements", get_object=_statement)
def statement_review_file(request, token, obj):
    if not obj.file:
        raise Http404
    return attachment_response(obj.file, "statement")
