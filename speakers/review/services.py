"""Every state change of reviewing: criteria, reviewer assignments, conflicts, assessments."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.links import absolute_url
from core.mail import one_line
from core.ordering import move_in_order
from core.ratelimits import consume

from ..applications.mails import queue_staff_mail
from ..applications.models import Application
from .models import (
    Assessment,
    AssessmentScore,
    ConflictDeclaration,
    ConflictOfInterest,
    ReviewCriterion,
    ReviewerAssignment,
)
from .selectors import has_conflict, organisations_named, without_conflicts

# name_en, name_fr, name_es, weight
DEFAULT_CRITERIA = (
    (
        "Link to the UPR submission",
        "Lien avec la contribution à l'EPU",
        "Vínculo con la contribución al EPU",
        2,
    ),
    ("National perspective", "Perspective nationale", "Perspectiva nacional", 2),
    ("Thematic value for the panel", "Intérêt thématique pour le panel", "Valor temático para el panel", 1),
    ("Quality of the application", "Qualité de la candidature", "Calidad de la solicitud", 1),
)


class ReviewError(DomainError):
    """A review rule refused the change; ``str(error)`` is a message for the user."""


def seed_default_criteria(round_):
    """Give a Round the four default criteria unless it already has criteria. Idempotent."""
    with transaction.atomic():
        if ReviewCriterion.objects.select_for_update().filter(round=round_).exists():
            return []
        return ReviewCriterion.objects.bulk_create(
            ReviewCriterion(round=round_, name_en=en, name_fr=fr, name_es=es, weight=Decimal(weight), order=i)
            for i, (en, fr, es, weight) in enumerate(DEFAULT_CRITERIA, start=1)
        )


def assign_reviewers(*, applications, reviewers, actor):
    """Assign every reviewer to every application, skipping conflicts and existing assignments.

    Returns ``(created, skipped_for_conflict)`` counts.
    """
    created = skipped = 0
    with transaction.atomic():
        application_ids = list(
            applications.exclude(status=Application.Status.DRAFT).values_list("pk", flat=True)
        )
        for reviewer in reviewers:
            allowed = set(
                without_conflicts(Application.objects.filter(pk__in=application_ids), reviewer).values_list(
                    "pk", flat=True
                )
            )
            skipped += len(application_ids) - len(allowed)
            existing = set(
                ReviewerAssignment.objects.filter(reviewer=reviewer, application_id__in=allowed).values_list(
                    "application_id", flat=True
                )
            )
            new = [
                ReviewerAssignment(reviewer=reviewer, application_id=pk, assigned_by=actor)
                for pk in sorted(allowed - existing)
            ]
            ReviewerAssignment.objects.bulk_create(new, ignore_conflicts=True)
            created += len(new)
    return created, skipped


def unassign_reviewer(*, reviewer, application):
    ReviewerAssignment.objects.filter(reviewer=reviewer, application=application).delete()


def remove_assignment(assignment, *, confirmed=False):
    """Staff take a reviewer off an application (``unassign_reviewer``).

    When the reviewer already submitted their assessment, refuse unless ``confirmed``: the submitted
    assessment is kept (it still counts in the application's average score, and its history stays),
    only the assignment goes. A draft assessment is kept too; the reviewer can no longer change it
    because ``save_assessment`` refuses a reviewer who is not assigned.
    """
    with transaction.atomic():
        locked = ReviewerAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if locked is None:
            return False
        submitted = Assessment.objects.filter(
            reviewer_id=locked.reviewer_id, application_id=locked.application_id, submitted_at__isnull=False
        ).exists()
        if submitted and not confirmed:
            raise ReviewError(
                _(
                    "This reviewer already submitted an assessment of this application. "
                    "Confirm to remove the assignment anyway "
                    "(the submitted assessment is kept and still counts)."
                )
            )
        unassign_reviewer(reviewer=locked.reviewer_id, application=locked.application_id)
    return True


def declare_conflict(*, reviewer, text, reason=""):
    """A reviewer declares a conflict of interest by typing an organisation's name or acronym.

    The declaration reveals nothing to the reviewer: it is rate-limited before the text is even looked
    at (``settings.CONFLICT_DECLARATION_LIMIT``), the organisations whose exact name or acronym is the
    text are stored for staff only, and nothing changes for the reviewer until staff decide
    (``confirm_conflict_declaration``). Every staff member gets a mail. Returns the declaration.
    """
    if not consume("conflict-declaration", reviewer.pk, *settings.CONFLICT_DECLARATION_LIMIT):
        raise ReviewError(
            _(
                "You have made many declarations in a short time. "
                "Try again in an hour, or write to the secretariat."
            )
        )
    text = " ".join(text.split())[:200]
    with transaction.atomic():
        declaration = ConflictDeclaration(reviewer=reviewer, text=text, reason=" ".join(reason.split())[:300])
        declaration._history_user = reviewer
        declaration.save()
        declaration.matches.set(organisations_named(text))
        queue_staff_mail(
            template_prefix="speakers/email/conflict_declared_staff",
            context={
                "reviewer_email": reviewer.email,
                "text": one_line(text),
                "link": absolute_url("review:declaration_decide", pk=declaration.pk),
            },
            key=f"conflict-declaration:{declaration.pk}",
        )
    return declaration


def confirm_conflict_declaration(declaration, *, organisations, actor):
    """Staff confirm a pending declaration: a conflict with each chosen organisation (among the
    declaration's matches) is recorded at once (``record_conflict``)."""
    with transaction.atomic():
        locked = _pending_declaration(declaration)
        chosen = list(locked.matches.filter(pk__in=[organisation.pk for organisation in organisations]))
        if not chosen:
            raise ReviewError(_("Choose at least one organisation to confirm the conflict with."))
        for organisation in chosen:
            record_conflict(
                reviewer=locked.reviewer, organisation=organisation, actor=actor, declaration=locked
            )
        _decide(locked, ConflictDeclaration.Status.CONFIRMED, actor)
    return locked


def dismiss_conflict_declaration(declaration, *, actor):
    """Staff close a pending declaration without recording a conflict (e.g. nothing matched)."""
    with transaction.atomic():
        locked = _pending_declaration(declaration)
        _decide(locked, ConflictDeclaration.Status.DISMISSED, actor)
    return locked


def _pending_declaration(declaration):
    locked = ConflictDeclaration.objects.select_for_update().select_related("reviewer").get(pk=declaration.pk)
    if not locked.is_pending:
        raise ReviewError(_("This declaration has already been decided."))
    return locked


def _decide(declaration, status, actor):
    declaration.status = status
    declaration.decided_by = actor
    declaration.decided_at = timezone.now()
    declaration._history_user = actor
    declaration.save(update_fields=["status", "decided_by", "decided_at"])


def record_conflict(*, reviewer, organisation, actor=None, declaration=None, reason=""):
    """Record a conflict of interest, in force at once: the reviewer loses their assignments and
    assessments on the organisation's applications (also as a coalition member). Staff only: a
    reviewer's own declaration goes through ``declare_conflict``."""
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            reviewer=reviewer,
            organisation=organisation,
            defaults={
                "reason": (reason or (declaration.reason if declaration else "")).strip()[:300],
                "declaration": declaration,
                "recorded_by": actor,
            },
        )
        affected = Application.objects.filter(organisation=organisation) | Application.objects.filter(
            coalition_members=organisation
        )
        ids = list(affected.values_list("pk", flat=True))
        ReviewerAssignment.objects.filter(reviewer=reviewer, application_id__in=ids).delete()
        Assessment.objects.filter(reviewer=reviewer, application_id__in=ids).delete()
    return conflict


def weighted_total(criteria, values):
    """Weighted mean of the scores, each normalised to its scale, on 0–100 (two decimals)."""
    weight_sum = sum((criterion.weight for criterion in criteria), Decimal(0))
    if not weight_sum:
        return None
    total = Decimal(0)
    for criterion in criteria:
        span = Decimal(criterion.scale_max - criterion.scale_min)
        total += criterion.weight * (Decimal(values[criterion.pk] - criterion.scale_min) / span)
    return (total / weight_sum * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def save_assessment(*, reviewer, application, values, comment="", submit=False):
    """Save (and with ``submit`` hand in) a reviewer's scores. ``values``: ``{criterion_pk: int}``.

    Refuses a reviewer who is not assigned, who is conflicted, or an application no longer under
    review. Submitting requires a score on every criterion of the Round, within its scale.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not ReviewerAssignment.objects.filter(reviewer=reviewer, application=locked).exists():
            raise ReviewError(_("You are not assigned to review this application."))
        if has_conflict(reviewer, locked):
            raise ReviewError(_("You have a conflict of interest with this application."))
        if locked.status != Application.Status.SUBMITTED:
            raise ReviewError(_("This application is no longer under review."))
        criteria = list(ReviewCriterion.objects.filter(round_id=locked.presession.round_id))
        clean = _clean_values(criteria, values, require_all=submit)
        assessment, _created = Assessment.objects.select_for_update().get_or_create(
            reviewer=reviewer, application=locked
        )
        assessment.comment = comment.strip()
        assessment.total = (
            weighted_total(criteria, clean) if len(clean) == len(criteria) and criteria else None
        )
        if submit:
            assessment.submitted_at = assessment.submitted_at or timezone.now()
        assessment.save()
        for criterion in criteria:
            if criterion.pk in clean:
                AssessmentScore.objects.update_or_create(
                    assessment=assessment, criterion=criterion, defaults={"value": clean[criterion.pk]}
                )
            else:
                AssessmentScore.objects.filter(assessment=assessment, criterion=criterion).delete()
    return assessment


def _clean_values(criteria, values, *, require_all):
    clean = {}
    for criterion in criteria:
        value = values.get(criterion.pk)
        if value in (None, ""):
            if require_all:
                raise ReviewError(_("Give a score for “%(criterion)s”.") % {"criterion": criterion.name})
            continue
        value = int(value)
        if not criterion.scale_min <= value <= criterion.scale_max:
            raise ReviewError(
                _("The score for “%(criterion)s” must be between %(low)s and %(high)s.")
                % {"criterion": criterion.name, "low": criterion.scale_min, "high": criterion.scale_max}
            )
        clean[criterion.pk] = value
    if not criteria and require_all:
        raise ReviewError(_("This round has no review criteria yet."))
    return clean


def recompute_totals(round_):
    """Recompute every assessment's weighted total of a Round after its criteria changed."""
    with transaction.atomic():
        criteria = list(ReviewCriterion.objects.filter(round=round_))
        assessments = Assessment.objects.select_for_update().filter(application__presession__round=round_)
        for assessment in assessments.prefetch_related("scores"):
            values = {score.criterion_id: score.value for score in assessment.scores.all()}
            complete = bool(criteria) and all(criterion.pk in values for criterion in criteria)
            total = weighted_total(criteria, values) if complete else None
            if total != assessment.total:
                assessment.total = total
                assessment.save(update_fields=["total", "updated_at"])


# --- Criteria of a Round (staff page). Every change that can alter a total calls recompute_totals. ---

CRITERION_FIELDS = (
    "name_en",
    "name_fr",
    "name_es",
    "help_text_en",
    "help_text_fr",
    "help_text_es",
    "weight",
    "scale_min",
    "scale_max",
)


def _check_scale(criterion, scale_min, scale_max):
    if scale_max <= scale_min:
        raise ReviewError(_("The highest score must be above the lowest score."))
    outside = criterion.pk and (
        AssessmentScore.objects.filter(criterion=criterion)
        .exclude(value__gte=scale_min, value__lte=scale_max)
        .exists()
    )
    if outside:
        raise ReviewError(
            _("Some reviewers gave scores outside %(low)s–%(high)s on this criterion; keep a wider scale.")
            % {"low": scale_min, "high": scale_max}
        )


def add_criterion(round_, **fields):
    """Add a criterion at the end of the Round's list. Existing assessments lack a score on it, so
    their totals become empty until the reviewers score it (``recompute_totals``)."""
    with transaction.atomic():
        siblings = list(ReviewCriterion.objects.select_for_update().filter(round=round_))
        criterion = ReviewCriterion(round=round_, order=max((c.order for c in siblings), default=0) + 1)
        for name in CRITERION_FIELDS:
            if name in fields:
                setattr(criterion, name, fields[name])
        _check_scale(criterion, criterion.scale_min, criterion.scale_max)
        criterion.save()
        recompute_totals(round_)
    return criterion


def update_criterion(criterion, **fields):
    """Change a criterion's names, guidance, weight or scale, then recompute the Round's totals.

    Refuses a scale that would leave existing scores outside it.
    """
    with transaction.atomic():
        locked = ReviewCriterion.objects.select_for_update().get(pk=criterion.pk)
        _check_scale(
            locked, fields.get("scale_min", locked.scale_min), fields.get("scale_max", locked.scale_max)
        )
        for name in CRITERION_FIELDS:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.save()
        recompute_totals(locked.round)
    return locked


def delete_criterion(criterion):
    """Delete a criterion no assessment uses yet, then recompute the Round's totals."""
    with transaction.atomic():
        locked = ReviewCriterion.objects.select_for_update().select_related("round").get(pk=criterion.pk)
        if AssessmentScore.objects.filter(criterion=locked).exists():
            raise ReviewError(
                _(
                    "Reviewers already scored “%(criterion)s”: it cannot be deleted. "
                    "Change its weight or its names instead."
                )
                % {"criterion": locked.name}
            )
        round_ = locked.round
        locked.delete()
        recompute_totals(round_)


def move_criterion(criterion, direction):
    """Swap a criterion with its neighbour (``direction`` -1 up, +1 down) and renumber the Round's list.

    The order changes no total, so nothing is recomputed.
    """
    queryset = ReviewCriterion.objects.filter(round_id=criterion.round_id).order_by("order", "pk")
    return move_in_order(queryset, criterion, direction)
