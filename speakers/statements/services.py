"""Every change of a statement: start, save, one transition function for the review, reminders."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.files import ensure_within_quota, is_new_upload, replace_file
from core.links import absolute_url
from core.mail import queue_templated_mail
from core.rules import require
from speakers.applications.mails import applicant_language, applicant_recipients
from speakers.applications.models import Application

from . import selectors
from .content import content_text, count_words, spoken_text, statement_content
from .models import Statement, StatementEvent, StatementRecommendation, StatementSection, StatementVersion
from .smart import smart_problems

Status = Statement.Status
Action = StatementEvent.Action
MIN_RECOMMENDATIONS, MAX_RECOMMENDATIONS = 2, 3
REMINDER_DAYS = (7, 2)
_TARGETS = {
    Action.SUBMIT: Status.SUBMITTED,
    Action.REQUEST_CHANGES: Status.CHANGES_REQUESTED,
    Action.APPROVE: Status.APPROVED,
}
_MAILS = {
    Action.REQUEST_CHANGES: "speakers/statements/email/changes_requested",
    Action.APPROVE: "speakers/statements/email/approved",
    Action.COMMENT: "speakers/statements/email/comment",
}


def check_deadline(statement, now=None):
    """A first submission (and a draft's edits) must come before the round's statement deadline."""
    deadline = statement.application.presession.round.statement_deadline
    if statement.status == Status.DRAFT and deadline is not None and (now or timezone.now()) > deadline:
        local = timezone.localtime(deadline, timezone.get_default_timezone())
        raise DomainError(
            _("The statement deadline (%(deadline)s, Geneva time) has passed. Please contact the team.")
            % {"deadline": date_format(local, "DATETIME_FORMAT")}
        )


def start_statement(application, *, actor):
    """The application's statement, created with one section per issue of the application."""
    if application.status not in selectors.SPEAKING:
        raise DomainError(_("Only selected speakers write a statement."))
    require(actor, "statements.write_statement", application)
    with transaction.atomic():
        Application.objects.select_for_update().get(pk=application.pk)
        statement, created = Statement.objects.get_or_create(
            application=application, defaults={"language": applicant_language(application)}
        )
        if created:
            issues = sorted(application.issues.all(), key=lambda issue: issue.name)
            StatementSection.objects.bulk_create(
                StatementSection(statement=statement, issue=issue, order=index)
                for index, issue in enumerate(issues)
            )
    return statement


def save_statement(statement, *, actor, fields, sections, now=None):
    """Write the editor's data.

    ``fields``: introduction, consultations, language, consent_publish_statement and optionally
    ``file`` (an upload, or ``False`` to remove it: the old file is deleted from storage after commit;
    an upload over the quota of the application's creator raises ``core.files.UploadQuotaExceeded``
    before anything is written). ``sections``: ``{section id: {"followed_up": [ids],
    "follow_up", "situation", "questions", "recommendations": [{"text", "issues": [ids], "states":
    [ids]}]}}``; choices are validated by the form, recommendations without text are dropped.
    """
    with transaction.atomic():
        locked = (
            Statement.objects.select_for_update()
            .select_related("application__presession__round")
            .get(pk=statement.pk)
        )
        if not locked.is_editable:
            raise DomainError(_("This statement is with the team for review and cannot be changed now."))
        require(actor, "statements.write_statement", locked.application)
        check_deadline(locked, now)
        fields = dict(fields)
        upload = fields.pop("file", None)
        if is_new_upload(upload):
            owner = locked.application.created_by or actor
            released = locked.file_size if locked.application.created_by_id is not None else 0
            ensure_within_quota(owner, incoming=upload.size, released=released)
        for name, value in fields.items():
            setattr(locked, name, value)
        replace_file(locked, "file", upload, size_field="file_size")
        locked.save()
        for section in locked.sections.all():
            if section.pk in sections:
                _save_section(section, sections[section.pk])
    return locked


def _save_section(section, data):
    section.follow_up = data.get("follow_up", "")
    section.situation = data.get("situation", "")
    section.questions = data.get("questions", "")
    section.save()
    section.followed_up.set(data.get("followed_up", []))
    section.recommendations.all().delete()
    for order, item in enumerate(r for r in data.get("recommendations", []) if r["text"].strip()):
        recommendation = StatementRecommendation.objects.create(
            section=section, text=item["text"].strip(), order=order
        )
        recommendation.issues.set(item.get("issues") or [section.issue_id])
        recommendation.states.set(item.get("states", []))


def submission_problems(statement):
    """What keeps a statement from being submitted (translated; empty when it may be)."""
    problems = []
    if not statement.introduction.strip():
        problems.append(_("Write the introduction."))
    for section in statement.sections.all():
        recommendations = list(section.recommendations.all())
        if not MIN_RECOMMENDATIONS <= len(recommendations) <= MAX_RECOMMENDATIONS:
            problems.append(
                _("%(issue)s: give two or three recommendations.") % {"issue": section.issue.name}
            )
        for number, recommendation in enumerate(recommendations, start=1):
            for problem in smart_problems(recommendation.text):
                problems.append(
                    _("%(issue)s, recommendation %(number)s: %(problem)s")
                    % {"issue": section.issue.name, "number": number, "problem": problem}
                )
    return problems


def transition_statement(statement, action, *, actor, note="", now=None):
    """Apply one review step: the single place where a statement's status changes.

    ``submit`` (speaker), ``request_changes``, ``approve`` or ``comment`` (staff; keeps the status).
    Locks the row, refuses a step ``Statement.TRANSITIONS`` does not allow, stores a version on
    submission, records a ``StatementEvent`` and queues the speaker's mail.
    """
    action = Action(action)
    note = note.strip()
    with transaction.atomic():
        locked = selectors.with_content(Statement.objects.select_for_update(of=("self",))).get(
            pk=statement.pk
        )
        to_status = _TARGETS.get(action, locked.status)
        if action != Action.COMMENT and not locked.can_become(to_status):
            raise DomainError(
                _("A statement that is “%(status)s” cannot be “%(action)s”.")
                % {"status": locked.get_status_display(), "action": action.label}
            )
        if action in (Action.COMMENT, Action.REQUEST_CHANGES) and not note:
            raise DomainError(_("Write a comment for the speaker."))
        if action == Action.SUBMIT:
            _submit(locked, actor=actor, now=now)
        from_status, locked.status = locked.status, to_status
        if action == Action.APPROVE:
            locked.approved_at = now or timezone.now()
        locked._change_reason = f"{action.value}: {from_status} → {to_status}"
        locked.save()
        StatementEvent.objects.create(
            statement=locked,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
            actor=actor,
        )
        if action in _MAILS:
            _mail(locked, action, note)
    return locked


def _submit(statement, *, actor, now):
    require(actor, "statements.submit_statement", statement.application)
    check_deadline(statement, now)
    problems = submission_problems(statement)
    if problems:
        raise DomainError(" ".join(problems))
    content = statement_content(statement)
    statement.version_count += 1
    statement.submitted_at = now or timezone.now()
    StatementVersion.objects.create(
        statement=statement,
        number=statement.version_count,
        text=content_text(content),
        content=content,
        word_count=count_words(spoken_text(content)),
        created_by=actor,
    )


def _context(statement, note=""):
    application = statement.application
    return {
        "speaker_name": application.speaker_name,
        "organisation_name": application.organisation.name,
        "state": application.presession.review.state,
        "round_title": str(application.presession.round),
        "note": note,
        "deadline": application.presession.round.statement_deadline,
        "link": absolute_url("statements:detail", token=application.token),
    }


def _mail(statement, action, note):
    key = f"statement-{action.value}:{statement.pk}:{statement.events.count()}"
    for email in applicant_recipients(statement.application):
        queue_templated_mail(
            to=email,
            template_prefix=_MAILS[action],
            context=_context(statement, note),
            language=applicant_language(statement.application),
            idempotency_key=f"{key}:{email}",
        )


def send_statement_reminders(now=None):
    """Queue the reminders due now: 7 and 2 days before the deadline, to speakers without a submission.

    Idempotent: the outbox key (application, days) sends each reminder once.
    """
    now = now or timezone.now()
    queued = 0
    waiting = (
        Application.objects.filter(
            status__in=selectors.SPEAKING,
            presession__round__statement_deadline__gt=now,
            presession__round__statement_deadline__lte=now + dt.timedelta(days=max(REMINDER_DAYS)),
        )
        .exclude(statement__status__in=[Status.SUBMITTED, Status.APPROVED])
        .select_related("created_by", "organisation", "presession__round", "presession__review__state")
    )
    for application in waiting:
        left = application.presession.round.statement_deadline - now
        days = min(d for d in REMINDER_DAYS if left <= dt.timedelta(days=d))
        context = _context(Statement(application=application))
        for email in applicant_recipients(application):
            queue_templated_mail(
                to=email,
                template_prefix="speakers/statements/email/reminder",
                context=context,
                language=applicant_language(application),
                idempotency_key=f"statement-reminder:{application.pk}:{days}:{email}",
            )
            queued += 1
    return queued
