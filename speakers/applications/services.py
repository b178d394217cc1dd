"""Every state change of applications. Views, commands and tasks call these.

The status machine of an Application lives in ``Application.TRANSITIONS``; the ONLY function that
changes ``Application.status`` is ``transition_application``. Verb services (``submit_application``,
``withdraw_application``, ``apply_decision``, ``confirm_participation``, ``decline_participation``)
validate their own business rules, then call it.
"""

import logging
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import DomainError
from core.files import ensure_within_quota, is_new_upload, replace_file
from core.rules import require
from presessions.calls import call_closes_at, is_call_open

from .mails import application_context, queue_applicant_mail, queue_staff_mail
from .models import Application, ApplicationAnswer, ApplicationEvent
from .signals import place_freed

logger = logging.getLogger(__name__)
Status = Application.Status

# Which timestamp each target status sets.
_STAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.SELECTED: "decided_at",
    Status.RESERVE: "decided_at",
    Status.REJECTED: "decided_at",
    Status.CONFIRMED: "confirmed_at",
    Status.DECLINED: "declined_at",
    Status.WITHDRAWN: "withdrawn_at",
}


class ApplicationError(DomainError):
    """A business rule refused the change; ``str(error)`` is a message for the user."""


class InvalidTransition(ApplicationError):  # noqa: N818 (the domain's word)
    """The application's current status does not allow the requested one."""

    def __init__(self, application, to_status):
        self.from_status = application.status
        self.to_status = to_status
        super().__init__(
            _("This application is “%(current)s”; it cannot become “%(target)s”.")
            % {"current": Status(application.status).label, "target": Status(to_status).label}
        )


class DeadlinePassed(ApplicationError):  # noqa: N818
    pass


class DuplicateApplication(ApplicationError):  # noqa: N818
    pass


def require_acting_for(actor, application):
    """Refuse (``PermissionRefused``) an actor who may not handle ``application``: an administrator of
    its organisation, or the member who created it (``speakers.act_for_application``)."""
    require(
        actor,
        "speakers.act_for_application",
        application,
        message=_(
            "Only an administrator of the organisation or the member who started this application "
            "may change it."
        ),
    )


class IncompleteApplication(ApplicationError):  # noqa: N818
    """Submission refused: ``missing`` lists what the draft still lacks (``MissingItem``s)."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__(_("Please complete: %(missing)s.") % {"missing": "; ".join(map(str, missing))})


def transition_application(application, to_status, *, actor, note="", expected_status=None, **fields):
    """Move ``application`` to ``to_status``: the single place where an application's status changes.

    Locks the row (``select_for_update``), re-reads its status, refuses a move that
    ``Application.TRANSITIONS`` does not allow (``InvalidTransition``), sets the matching timestamp,
    writes extra ``fields`` (e.g. ``withdrawal_reason``, ``confirmation_deadline``,
    ``pending_decision=""``), records an ``ApplicationEvent`` and returns the fresh instance.

    ``expected_status``: when given, refuse unless the locked row still has this status — this is how
    two concurrent decisions on one application resolve (the second gets ``InvalidTransition``).
    Must run in a transaction; it opens one if the caller did not.
    """
    to_status = Status(to_status)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if expected_status is not None and locked.status != expected_status:
            raise InvalidTransition(locked, to_status)
        if not locked.can_become(to_status):
            raise InvalidTransition(locked, to_status)
        from_status = locked.status
        now = timezone.now()
        locked.status = to_status
        update = ["status", "updated_at"]
        if to_status in _STAMPS:
            setattr(locked, _STAMPS[to_status], now)
            update.append(_STAMPS[to_status])
        for name, value in fields.items():
            setattr(locked, name, value)
            update.append(name)
        locked._change_reason = note[:100] if note else f"{from_status} → {to_status}"
        locked.save(update_fields=update)
        ApplicationEvent.objects.create(
            application=locked, from_status=from_status, to_status=to_status, actor=actor, note=note
        )
    return locked


# --- applications -----------------------------------------------------------------------------------


def _ensure_call_open(presession):
    if not is_call_open(presession):
        closes = call_closes_at(presession)
        if closes is not None and timezone.now() >= closes:
            local = timezone.localtime(closes)
            raise DeadlinePassed(
                _(
                    "The call for this Pre-session closed on %(when)s (Geneva time). Applications can no "
                    "longer be submitted."
                )
                % {"when": date_format(local, "DATETIME_FORMAT")}
            )
        raise DeadlinePassed(_("The call for this Pre-session is not open."))


def _ensure_no_duplicate(organisation, presession, exclude_pk=None):
    live = Application.objects.filter(organisation=organisation, presession=presession).exclude(
        status=Status.WITHDRAWN
    )
    if exclude_pk:
        live = live.exclude(pk=exclude_pk)
    if live.exists():
        raise DuplicateApplication(
            _(
                "%(organisation)s has already applied for the Pre-session on %(state)s. Open that "
                "application instead of starting a new one."
            )
            % {"organisation": organisation.name, "state": presession.review.state.name}
        )


def create_draft_application(*, presession, organisation, user, form_token=None, **data):
    """Start (or, for a re-sent form with the same ``form_token``, return) a draft application.

    Refuses a second live application of the organisation for the same Presession, and a user who does
    not act for the organisation.
    """
    require(
        user,
        "speakers.apply_for_organisation",
        organisation,
        message=_("You can only apply for an organisation you act for."),
    )
    if form_token is not None:
        existing = Application.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing
    _ensure_call_open(presession)
    _ensure_no_duplicate(organisation, presession)
    issues = data.pop("issues", None)
    coalition_members = data.pop("coalition_members", None)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                presession=presession,
                organisation=organisation,
                created_by=user,
                language=user.language or "en",
                form_token=form_token or uuid.uuid4(),
                **data,
            )
            if issues is not None:
                application.issues.set(issues)
            if coalition_members is not None:
                application.coalition_members.set(coalition_members)
            ApplicationEvent.objects.create(application=application, to_status=Status.DRAFT, actor=user)
    except IntegrityError:
        existing = Application.objects.filter(form_token=form_token).first() if form_token else None
        if existing is not None:
            return existing
        _ensure_no_duplicate(organisation, presession)
        raise
    return application


def update_draft_application(application, *, user, answers=None, **data):
    """Save changes to a draft. Only drafts are editable, by who may handle the application.

    ``submission_file`` (and a file answer): a new upload, ``False`` to remove the file, or the current
    file / ``None`` to keep it. A replaced or removed file is deleted from storage after commit. Uploads
    over the owner's quota raise ``core.files.UploadQuotaExceeded`` before anything is written.
    """
    require_acting_for(user, application)
    issues = data.pop("issues", None)
    coalition_members = data.pop("coalition_members", None)
    submission_file = data.pop("submission_file", None)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Status.DRAFT:
            raise ApplicationError(_("This application has been submitted and can no longer be changed."))
        _ensure_upload_quota(locked, user, submission_file, answers or {})
        for name, value in data.items():
            setattr(locked, name, value)
        replace_file(locked, "submission_file", submission_file, size_field="submission_file_size")
        if locked.at_risk:
            # At risk of reprisal: nothing about this speaker is ever published, whatever was ticked.
            locked.consent_publish_name = locked.consent_publish_organisation = False
            locked.consent_publish_photo = False
        locked.language = user.language or locked.language
        locked.save()
        if issues is not None:
            locked.issues.set(issues)
        if coalition_members is not None:
            locked.coalition_members.set(coalition_members)
        if answers:
            save_answers(locked, answers)
    return locked


def _ensure_upload_quota(application, user, submission_file, answers):
    """Count the new uploads against the quota of the application's creator (or ``user`` without one)."""
    uploads = [(None, submission_file)] + [(q, v) for q, v in answers.items() if q.kind == "file"]
    incoming = sum(value.size for _question, value in uploads if is_new_upload(value))
    if not incoming:
        return
    owner = application.created_by or user
    released = 0
    if application.created_by_id is not None:
        stored = {a.question_id: a.file_size for a in application.answers.exclude(file="")}
        for question, value in uploads:
            if is_new_upload(value) or value is False:
                released += (
                    application.submission_file_size if question is None else stored.get(question.pk, 0)
                )
    ensure_within_quota(owner, incoming=incoming, released=released)


def save_answers(application, answers):
    """Store answers: ``{question: value}`` where value is text, a choice, a bool or an uploaded file."""
    for question, value in answers.items():
        answer, _created = ApplicationAnswer.objects.get_or_create(application=application, question=question)
        kind = question.kind
        if kind == "yes_no":
            answer.boolean = value
        elif kind == "choice":
            answer.choice = value or ""
        elif kind == "file":
            replace_file(answer, "file", value, size_field="file_size")
        else:
            answer.text = value or ""
        answer.save()


# What a draft may lack but a submission may not: Application fields (and their "what is missing" wording).
# The form marks these "(required)"; the round's required questions come on top.
REQUIRED_TO_SUBMIT = {
    "speaker_name": gettext_lazy("the speaker's name"),
    "speaker_email": gettext_lazy("the speaker's e-mail"),
    "speaker_gender": gettext_lazy("the speaker's gender"),
    "issues": gettext_lazy("at least one issue"),
}


def answer_field(question):
    """The name under which a question's answer travels (form field, anchor of "what is missing")."""
    return f"question_{question.pk}"


@dataclass(frozen=True)
class MissingItem:
    """One thing a draft lacks before it can be submitted: the form field it belongs to and what to say."""

    field: str
    label: str

    def __str__(self):
        return str(self.label)


def missing_for_submission(application):
    """What a draft still lacks before it can be submitted (empty when complete): the one list of what a
    submission requires, used by ``submit_application`` and shown by the application's pages."""
    missing = [
        MissingItem(name, label)
        for name, label in REQUIRED_TO_SUBMIT.items()
        if not (application.issues.exists() if name == "issues" else getattr(application, name))
    ]
    answered = {a.question_id: a for a in application.answers.all()}
    for question in application.presession.round.questions.filter(required=True):
        answer = answered.get(question.pk)
        if answer is None or answer.value in ("", None):
            missing.append(MissingItem(answer_field(question), question.label))
    return missing


def submit_application(application, *, actor):
    """Submit a draft before the deadline (the country's extension counts); queue the confirmation mail.

    Idempotent: submitting an application that is already submitted returns it unchanged (a
    double-clicked submit creates one event and one mail).
    """
    require_acting_for(actor, application)
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("presession__round", "presession__review__state", "organisation")
            .get(pk=application.pk)
        )
        if locked.status == Status.SUBMITTED:
            return locked
        _ensure_call_open(locked.presession)
        _ensure_no_duplicate(locked.organisation, locked.presession, exclude_pk=locked.pk)
        missing = missing_for_submission(locked)
        if missing:
            raise IncompleteApplication(missing)
        language = actor.language or locked.language
        locked = transition_application(locked, Status.SUBMITTED, actor=actor, language=language)
        queue_applicant_mail(
            locked,
            template_prefix="speakers/email/application_submitted",
            context=application_context(locked),
            key=f"application-submitted:{locked.pk}",
            actor=actor,
        )
    return locked


def withdraw_application(application, *, actor, reason):
    """Withdraw with a reason (required); tells the staff through the outbox. Administrators of the
    organisation withdraw any of its applications, members the ones they created."""
    require_acting_for(actor, application)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Please tell us why you withdraw."))
    with transaction.atomic():
        locked = transition_application(
            application,
            Status.WITHDRAWN,
            actor=actor,
            note=reason,
            withdrawal_reason=reason,
            pending_decision="",
        )
        queue_staff_mail(
            template_prefix="speakers/email/application_withdrawn_staff",
            context=application_context(locked),
            key=f"application-withdrawn:{locked.pk}",
        )
        if locked.events.latest("pk").from_status in (Status.SELECTED, Status.CONFIRMED):
            place_freed.send(sender=Application, application=locked, reason=reason)
    return locked


def apply_decision(application, *, actor, expected_status=Status.SUBMITTED, confirmation_deadline=None):
    """Apply the application's ``pending_decision`` (selected / reserve / rejected), from the selection board.

    Clears ``pending_decision``. Decision mails are the caller's (the board's) business. Raises
    ``InvalidTransition`` when the status changed meanwhile (concurrent decisions: one wins).
    """
    if not application.pending_decision:
        raise ApplicationError(_("No decision is pending for this application."))
    extra = {"pending_decision": "", "pending_decision_by": None, "pending_decision_at": None}
    if application.pending_decision == Status.SELECTED and confirmation_deadline is not None:
        extra["confirmation_deadline"] = confirmation_deadline
    return transition_application(
        application, application.pending_decision, actor=actor, expected_status=expected_status, **extra
    )


def confirm_participation(application, *, actor):
    """A selected speaker confirms (``speakers.selection`` builds the page and the reminders)."""
    return transition_application(application, Status.CONFIRMED, actor=actor)


def decline_participation(application, *, actor, reason=""):
    """A selected speaker declines (``speakers.selection`` suggests the best reserve afterwards)."""
    return transition_application(application, Status.DECLINED, actor=actor, note=reason)
