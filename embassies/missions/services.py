"""Every change to Missions and diplomats: one verb-first function each."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.errors import DomainError

from .models import Diplomat, PermanentMission

MISSION_FIELDS = ("address", "email", "phone", "language", "notes")
DIPLOMAT_FIELDS = ("honorific", "name", "title", "email", "language", "started_on")


def _normalised_email(email):
    return (email or "").strip().lower()


def _refuse_duplicate_email(email, *, exclude_pk=None):
    if Diplomat.objects.filter(email__iexact=email).exclude(pk=exclude_pk).exists():
        raise DomainError(_("Another diplomat already has the e-mail address %(email)s.") % {"email": email})


@transaction.atomic
def update_mission(mission, **values):
    """Change a Mission's contact details; unknown fields are refused."""
    unknown = set(values) - set(MISSION_FIELDS)
    if unknown:
        raise TypeError(f"Not a Mission field: {sorted(unknown)}")
    mission = PermanentMission.objects.select_for_update().get(pk=mission.pk)
    if "email" in values:
        values["email"] = _normalised_email(values["email"])
    for name, value in values.items():
        setattr(mission, name, value)
    mission.save()
    return mission


@transaction.atomic
def add_diplomat(mission, *, issues=(), **values):
    """A new active diplomat of ``mission``; the e-mail address must be new."""
    values["email"] = _normalised_email(values.get("email"))
    _refuse_duplicate_email(values["email"])
    diplomat = Diplomat.objects.create(mission=mission, **values)
    if issues:
        diplomat.issues.set(issues)
    return diplomat


@transaction.atomic
def update_diplomat(diplomat, *, issues=None, **values):
    unknown = set(values) - set(DIPLOMAT_FIELDS)
    if unknown:
        raise TypeError(f"Not a diplomat field: {sorted(unknown)}")
    diplomat = Diplomat.objects.select_for_update().get(pk=diplomat.pk)
    if "email" in values:
        values["email"] = _normalised_email(values["email"])
        _refuse_duplicate_email(values["email"], exclude_pk=diplomat.pk)
    for name, value in values.items():
        setattr(diplomat, name, value)
    diplomat.save()
    if issues is not None:
        diplomat.issues.set(issues)
    return diplomat


@transaction.atomic
def rotate_diplomat(diplomat, *, left_on=None, successor=None, successor_values=None):
    """``diplomat`` leaves their post; a successor (existing, or created from ``successor_values``)
    takes over the issue portfolio. The leaver keeps their row, history, invitations and attendance.
    """
    diplomat = Diplomat.objects.select_for_update().get(pk=diplomat.pk)
    if not diplomat.is_active:
        raise DomainError(_("%(name)s has already left.") % {"name": diplomat.name})
    if successor is not None and successor_values:
        raise TypeError("Give an existing successor or the values of a new one, not both.")
    if successor_values:
        successor = add_diplomat(diplomat.mission, **successor_values)
    if successor is not None:
        if successor.pk == diplomat.pk:
            raise DomainError(_("A diplomat cannot succeed themselves."))
        if successor.mission_id != diplomat.mission_id:
            raise DomainError(_("The successor must belong to the same Mission."))
        if not successor.is_active:
            raise DomainError(_("The successor must be active."))
        successor.issues.add(*diplomat.issues.all())
    diplomat.status = Diplomat.Status.LEFT
    diplomat.left_on = left_on or timezone.localdate()
    diplomat.successor = successor
    diplomat.save(update_fields=["status", "left_on", "successor", "updated_at"])
    return diplomat


@transaction.atomic
def ensure_missions(states, *, contact=None):
    """One Mission for each State that has none yet (idempotent); returns how many were created.

    ``contact(state)`` may return initial values (address, email, phone, language) for a new Mission.
    """
    existing = set(PermanentMission.objects.filter(state__in=states).values_list("state_id", flat=True))
    new = [
        PermanentMission(state=state, **(contact(state) if contact else {}))
        for state in states
        if state.pk not in existing
    ]
    return len(bulk_create_with_history(new, PermanentMission, batch_size=500))
