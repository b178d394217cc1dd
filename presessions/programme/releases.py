"""Publishing the programme: numbered releases, their changelog, and who is told what.

The draft (the Presession rows staff edit) becomes public only through ``publish_release``: it refuses
while hard conflicts remain, freezes the timetable into ``ProgrammeRelease.snapshot``, compares it with the
previous release and raises ``calendar_sequence`` of every panel that changed. After commit, a task
(``tasks.notify_release`` → ``notifications.notify_release``) mails only the people concerned, in their
language, with an .ics:

- a panel that is new or moved: everyone on it gets METHOD:REQUEST;
- a panel cancelled (or taken out of the timetable): everyone who was on it gets METHOD:CANCEL;
- a panel whose people changed: those added get REQUEST, those removed get CANCEL; the others nothing.

Every mail has the idempotency key ``programme:<round>:<release>:<panel>:<address>``: running the task
again queues nothing new, and publishing without a change is refused.
"""

from functools import partial

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.errors import DomainError
from presessions.programme.models import ProgrammeRelease
from presessions.rounds.models import Presession, Round

from .conflicts import find_conflicts
from .selectors import timetable
from .signals import panel_changed
from .tasks import notify_release

SLOT_FIELDS = ("starts_at", "ends_at", "room_id")
DETAIL_FIELDS = ("moderator", "opening_minutes", "followup_minutes", "floor_minutes", "speakers")


def _people(panel, speakers):
    people = {}
    if panel.moderator_address:
        language = panel.moderator_user.language if panel.moderator_user_id else ""
        people[panel.moderator_address] = {
            "name": panel.moderator_display_name,
            "language": language or "en",
            "role": "moderator",
        }
    for speaker in speakers:
        if speaker.email:
            people.setdefault(
                speaker.email, {"name": speaker.name, "language": speaker.language, "role": "speaker"}
            )
    return people


def snapshot_of(table):
    """``{"panels": {"<id>": {...}}}``: every placed panel that is not cancelled, as published."""
    panels = {}
    for panel in table.panels:
        if panel.status == Presession.Status.CANCELLED or not panel.is_placed:
            continue
        speakers = table.participants.get(panel.pk, [])
        panels[str(panel.pk)] = {
            "token": panel.token,
            "starts_at": panel.starts_at.isoformat(),
            "ends_at": panel.ends_at.isoformat(),
            "room_id": panel.room_id,
            "moderator": panel.moderator_display_name,
            "opening_minutes": panel.opening_minutes,
            "followup_minutes": panel.followup_minutes,
            "floor_minutes": panel.floor_minutes,
            "sequence": panel.calendar_sequence,
            "speakers": [p.ref for p in speakers],
            "people": _people(panel, speakers),
        }
    return {"panels": panels}


def changes_between(previous, current):
    """The changelog from one snapshot to the next (panel ids as strings, people to notify)."""
    before, after = previous.get("panels", {}), current.get("panels", {})
    both = [k for k in after if k in before]
    changes = {
        "new": [k for k in after if k not in before],
        "moved": [k for k in both if any(after[k][f] != before[k][f] for f in SLOT_FIELDS)],
        "cancelled": [k for k in before if k not in after],
        "speakers": [k for k in both if after[k]["speakers"] != before[k]["speakers"]],
        "changed": [k for k in both if any(after[k][f] != before[k][f] for f in DETAIL_FIELDS)],
        "people": [k for k in both if after[k]["people"].keys() != before[k]["people"].keys()],
    }
    notify = []
    for key in changes["new"] + changes["moved"]:
        notify += [_notice(key, email, person, "REQUEST") for email, person in after[key]["people"].items()]
    for key in changes["cancelled"]:
        notify += [_notice(key, email, person, "CANCEL") for email, person in before[key]["people"].items()]
    for key in both:
        if key in changes["moved"]:
            continue
        added = after[key]["people"].keys() - before[key]["people"].keys()
        removed = before[key]["people"].keys() - after[key]["people"].keys()
        notify += [_notice(key, email, after[key]["people"][email], "REQUEST") for email in sorted(added)]
        notify += [_notice(key, email, before[key]["people"][email], "CANCEL") for email in sorted(removed)]
    changes["notify"] = notify
    changes["cancelled_panels"] = {k: before[k] for k in changes["cancelled"]}
    return changes


def _notice(panel_key, email, person, method):
    return {
        "panel": panel_key,
        "email": email,
        "name": person["name"],
        "language": person["language"],
        "role": person["role"],
        "method": method,
    }


def has_changes(changes):
    return any(changes[kind] for kind in ("new", "moved", "cancelled", "changed", "people"))


def _raise_sequences(snapshot, changes):
    """+1 on every panel whose event changed (moved, cancelled, or people added or removed)."""
    touched = set(changes["moved"]) | set(changes["cancelled"]) | set(changes["people"])
    Presession.objects.filter(pk__in=[int(k) for k in touched]).update(
        calendar_sequence=F("calendar_sequence") + 1
    )
    for key in touched:
        entry = snapshot["panels"].get(key) or changes["cancelled_panels"][key]
        entry["sequence"] += 1
    return [int(key) for key in touched]


def _announce_changed_panels(presession_ids):
    """After commit: tell the apps above (``signals.panel_changed``) which panels this release changed."""
    for presession in Presession.objects.filter(pk__in=presession_ids).select_related("review__state"):
        panel_changed.send_robust(sender=Presession, presession=presession)


def publish_release(round_, *, actor=None):
    """Publish the round's draft timetable as its next release; refused with hard conflicts or no change."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        table = timetable(locked)
        hard = [c for c in find_conflicts(table) if c.is_hard]
        if hard:
            message = ngettext(
                "%(count)s conflict must be solved before publishing.",
                "%(count)s conflicts must be solved before publishing.",
                len(hard),
            )
            raise DomainError(message % {"count": len(hard)})
        previous = locked.releases.order_by("-number").first()
        snapshot = snapshot_of(table)
        changes = changes_between(previous.snapshot if previous else {}, snapshot)
        if previous is not None and not has_changes(changes):
            raise DomainError(_("Nothing changed since release %(number)s.") % {"number": previous.number})
        if previous is None and not snapshot["panels"]:
            raise DomainError(_("No panel has a slot yet: there is nothing to publish."))
        changed = _raise_sequences(snapshot, changes)
        release = ProgrammeRelease.objects.create(
            round=locked,
            number=previous.number + 1 if previous else 1,
            published_by=actor,
            snapshot=snapshot,
            changelog=changes,
        )
        transaction.on_commit(partial(notify_release.delay, release_id=release.pk))
        if changed:
            transaction.on_commit(partial(_announce_changed_panels, changed))
    return release


def preview_release(round_):
    """What publishing now would change (the changelog), and the hard conflicts in the way; no write."""
    table = timetable(round_)
    previous = round_.releases.order_by("-number").first()
    changes = changes_between(previous.snapshot if previous else {}, snapshot_of(table))
    hard = [c for c in find_conflicts(table) if c.is_hard]
    return changes, hard
