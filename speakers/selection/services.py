"""Every state change of selection: pending decisions, applying them, confirmation, reminders.

Status changes go through ``speakers.applications.services`` (``apply_decision``, ``confirm_participation``,
``decline_participation``), which all end in ``transition_application``.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.links import absolute_url
from core.mail import one_line, queue_templated_mail, render_mail_templates
from core.rules import require

from ..applications import services as application_services
from ..applications.mails import (
    applicant_language,
    applicant_recipients,
    application_context,
    queue_applicant_mail,
    queue_staff_mail,
)
from ..applications.models import Application
from .balance import best_reserve
from .selectors import board_applications

Status = Application.Status
DECIDABLE = (Status.SUBMITTED, Status.RESERVE)


class SelectionError(DomainError):
    """A selection rule refused the change; ``str(error)`` is a message for the user."""


class StaleDecision(SelectionError):  # noqa: N818 (the domain's word)
    """Someone changed the application (or the pending list) since the page was loaded."""


def decision_version(application):
    """What a board row showed: the status, the pending decision and when it was recorded."""
    stamp = application.pending_decision_at.isoformat() if application.pending_decision_at else "-"
    return f"{application.status}|{application.pending_decision or '-'}|{stamp}"


def record_pending_decision(application, *, decision, actor, expected_version):
    """Record (or clear, with ``decision=""``) a pending decision; nothing is sent yet.

    Concurrent decisions: the row is locked and its version compared with what the board showed;
    the second writer gets ``StaleDecision`` with the current state in the message.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if decision_version(locked) != expected_version:
            current = locked.get_pending_decision_display() or locked.get_status_display()
            raise StaleDecision(
                _(
                    "Someone else changed this application meanwhile (now: %(current)s). Nothing was "
                    "recorded; look at the board again."
                )
                % {"current": current}
            )
        if locked.status not in DECIDABLE:
            raise SelectionError(
                _("This application is “%(status)s”; it cannot be decided on.")
                % {"status": locked.get_status_display()}
            )
        if decision and not locked.can_become(decision):
            raise SelectionError(_("This application is already on the reserve list."))
        locked.pending_decision = decision
        locked.pending_decision_by = actor if decision else None
        locked.pending_decision_at = timezone.now() if decision else None
        locked._change_reason = f"pending decision: {decision or '-'}"
        locked.save(
            update_fields=["pending_decision", "pending_decision_by", "pending_decision_at", "updated_at"]
        )
    return locked


def pending_fingerprint(applications):
    """A digest of exactly which decisions a confirmation page listed."""
    lines = sorted(f"{a.pk}:{a.pending_decision}:{decision_version(a)}" for a in applications)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def confirmation_deadline(now=None):
    """The end of the day, Geneva time, ``SPEAKERS_CONFIRMATION_DAYS`` after ``now``."""
    local = timezone.localtime(now or timezone.now())
    day = local.date() + datetime.timedelta(days=settings.SPEAKERS_CONFIRMATION_DAYS)
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=local.tzinfo)


def apply_pending_decisions(presession, *, actor, fingerprint):
    """Apply every pending decision of a Presession at once and queue the decision mails.

    All or nothing: if the pending list differs from what the confirmation page showed
    (``fingerprint``), nothing is applied and ``StaleDecision`` says why.
    """
    with transaction.atomic():
        pending = list(
            Application.objects.select_for_update()
            .filter(presession=presession, status__in=DECIDABLE)
            .exclude(pending_decision="")
            .order_by("pk")
        )
        if not pending:
            raise SelectionError(_("There are no pending decisions to apply."))
        if pending_fingerprint(pending) != fingerprint:
            raise StaleDecision(
                _(
                    "The pending decisions changed since you opened the confirmation page. Nothing was "
                    "applied; please check the list again."
                )
            )
        deadline = confirmation_deadline()
        applied = []
        for application in pending:
            decided = application_services.apply_decision(
                application, actor=actor, expected_status=application.status, confirmation_deadline=deadline
            )
            applied.append(decided)
        decided_ids = [a.pk for a in applied]
        for application in Application.objects.filter(pk__in=decided_ids).select_related(
            "created_by", "organisation", "presession__round", "presession__review__state"
        ):
            for mail in decision_mails(application):
                queue_templated_mail(**mail)
    return applied


# --- decision mails ---------------------------------------------------------------------------------

DECISION_TEMPLATES = {
    Status.SELECTED: "speakers/email/decision_selected",
    Status.RESERVE: "speakers/email/decision_reserve",
    Status.REJECTED: "speakers/email/decision_rejected",
}


def decision_context(application, outcome):
    return application_context(application) | {
        "outcome": outcome,
        "confirmation_deadline": application.confirmation_deadline,
        "confirm_link": absolute_url("selection:respond", token=application.token),
    }


def decision_mails(application, outcome=None, deadline=None):
    """The ``queue_templated_mail`` arguments of an application's decision mails (one per recipient)."""
    outcome = outcome or application.status
    context = decision_context(application, outcome)
    if deadline is not None:
        context["confirmation_deadline"] = deadline
    language = applicant_language(application)
    return [
        {
            "to": email,
            "template_prefix": DECISION_TEMPLATES[outcome],
            "context": context,
            "language": language,
            "idempotency_key": f"application-decision:{application.pk}:{outcome}:{email}",
        }
        for email in applicant_recipients(application)
    ]


def preview_decision_mails(application):
    """Render the mails a pending decision will send, exactly as the outbox will render them."""
    previews = []
    for mail in decision_mails(application, application.pending_decision, confirmation_deadline()):
        subject, text_body, html_body = render_mail_templates(
            mail["template_prefix"], mail["context"], mail["language"]
        )
        previews.append(
            {"to": mail["to"], "language": mail["language"], "subject": subject, "body": text_body}
        )
    return previews


# --- confirmation -----------------------------------------------------------------------------------


def respond_to_selection(application, *, actor, accept, reason=""):
    """A selected speaker's organisation confirms or declines before the deadline.

    A decline tells the staff, with the best reserve of the panel as a suggestion.
    """
    require(actor, "speakers.respond_to_selection", application)
    if application.status != Status.SELECTED:
        raise SelectionError(_("This application is not waiting for a confirmation."))
    deadline = application.confirmation_deadline
    if deadline is not None and timezone.now() > deadline:
        raise SelectionError(
            _("The time to confirm ended on %(when)s (Geneva time). Please write to the organisers.")
            % {"when": date_format(timezone.localtime(deadline), "DATETIME_FORMAT")}
        )
    with transaction.atomic():
        if accept:
            return application_services.confirm_participation(application, actor=actor)
        declined = application_services.decline_participation(application, actor=actor, reason=reason.strip())
        notify_staff_of_vacancy(declined, reason=reason.strip())
    return declined


def notify_staff_of_vacancy(application, *, reason=""):
    """Tell every staff member that a place on a panel is free, with the best reserve to offer it to."""
    presession = application.presession
    reserve = best_reserve(board_applications(presession))
    context = {
        "organisation_name": one_line(application.organisation.name),
        "state": presession.review.state,
        "round_title": one_line(presession.round),
        "status": application.status,
        "reason": reason,
        "reserve_name": reserve.organisation.name if reserve is not None else "",
        "reserve_score": reserve.average_score if reserve is not None else None,
        "board_link": absolute_url("selection:board", pk=presession.pk),
    }
    queue_staff_mail(
        template_prefix="speakers/email/panel_vacancy_staff",
        context=context,
        key=f"panel-vacancy:{application.pk}:{application.status}",
    )
    return reserve


# --- reminders --------------------------------------------------------------------------------------


def due_reminder(application, now):
    """The number (1, 2…) of the latest reminder due for a selected application, or ``None``."""
    deadline = application.confirmation_deadline
    if deadline is None or now >= deadline:
        return None
    due = None
    for number, days_before in enumerate(settings.SPEAKERS_CONFIRMATION_REMINDER_DAYS, start=1):
        if now >= deadline - datetime.timedelta(days=days_before):
            due = number
    return due


def send_confirmation_reminders(now=None):
    """Queue the reminders due now; the outbox key makes each (application, number) send once."""
    now = now or timezone.now()
    waiting = Application.objects.filter(
        status=Status.SELECTED, confirmation_deadline__gt=now
    ).select_related("created_by", "organisation", "presession__round", "presession__review__state")
    queued = 0
    for application in waiting:
        number = due_reminder(application, now)
        if number is None:
            continue
        context = decision_context(application, Status.SELECTED) | {"reminder_number": number}
        queue_applicant_mail(
            application,
            template_prefix="speakers/email/confirmation_reminder",
            context=context,
            key=f"confirmation-reminder:{application.pk}:{number}",
        )
        queued += len(applicant_recipients(application))
    return queued


def offer_freed_place(sender, *, application, reason="", **kwargs):
    """Receiver of ``speakers.applications.signals.place_freed``: a withdrawal freed a place on a panel."""
    notify_staff_of_vacancy(application, reason=reason)
