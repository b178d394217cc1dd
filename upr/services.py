"""State changes of the UPR reference data."""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from upr.models import Cycle, Issue, RegionalGroup, Review, State, StateAlias, WorkingGroupSession
from upr.names import normalise_name

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
CHANGE_REASON = "load_reference_data"
BATCH_SIZE = 500


@dataclass
class SyncCounts:
    """What loading one kind of reference row did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def load_reference_data(stdout=None, directory=None):
    """Make the database hold the shipped reference data (``upr/reference/*.csv``).

    Idempotent: rows are matched on their natural key and written only when a value differs, so a
    second run writes nothing (no update, no history row). Rows that are not in the files (added by
    staff) are left alone; nothing is deleted. All or nothing: one transaction.
    ``stdout`` (a file-like object, e.g. a command's ``self.stdout``) gets one line per model.
    Returns ``{model class: SyncCounts}``.
    """
    directory = Path(directory or REFERENCE_DIR)
    with transaction.atomic():
        results = {}
        for model, loader in _LOADERS:
            results[model] = loader(directory)
            if stdout is not None:
                counts = results[model]
                stdout.write(
                    _("%(models)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                    % {"models": model._meta.verbose_name_plural, **vars(counts)}
                    + "\n"
                )
    return results


def _rows(directory, name):
    with open(directory / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _int_or_none(value):
    return int(value) if value not in ("", None) else None


def _date_or_none(value):
    return datetime.date.fromisoformat(value) if value else None


def _sync(model, wanted, existing, fields):
    """Create the missing rows and update the differing ones of ``model``, with history, in bulk.

    ``wanted``: {natural key: {field: value}}; ``existing``: {natural key: instance}.
    """
    counts = SyncCounts()
    to_create, to_update = [], []
    for key, values in wanted.items():
        instance = existing.get(key)
        if instance is None:
            to_create.append(model(**values))
        elif any(getattr(instance, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(instance, field, value)
            to_update.append(instance)
        else:
            counts.unchanged += 1
    if to_create:
        bulk_create_with_history(to_create, model, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON)
    if to_update:
        bulk_update_with_history(
            to_update, model, fields, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _load_regional_groups(directory):
    fields = ["code", "abbreviation", "name_en", "name_fr", "name_es"]
    wanted = {
        row["code"]: {field: row[field] for field in fields}
        for row in _rows(directory, "regional_groups.csv")
    }
    existing = {group.code: group for group in RegionalGroup.objects.all()}
    return _sync(RegionalGroup, wanted, existing, fields)


def _load_states(directory):
    groups = dict(RegionalGroup.objects.values_list("code", "id"))
    fields = ["iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group_id", "status"]
    wanted = {}
    for row in _rows(directory, "states.csv"):
        values = {field: row[field] for field in fields[:5] + ["status"]}
        values["regional_group_id"] = groups[row["regional_group"]] if row["regional_group"] else None
        wanted[row["iso3"]] = values
    existing = {state.iso3: state for state in State.objects.all()}
    return _sync(State, wanted, existing, fields)


def _load_aliases(directory):
    states = dict(State.objects.values_list("iso3", "id"))
    fields = ["name", "key", "state_id", "source"]
    wanted = {}
    for row in _rows(directory, "aliases.csv"):
        key = normalise_name(row["name"])
        wanted[key] = {
            "name": row["name"],
            "key": key,
            "state_id": states[row["iso3"]],
            "source": row["source"],
        }
    existing = {alias.key: alias for alias in StateAlias.objects.all()}
    return _sync(StateAlias, wanted, existing, fields)


def _load_cycles(directory):
    fields = ["number", "start_date", "end_date"]
    wanted = {
        int(row["number"]): {
            "number": int(row["number"]),
            "start_date": _date_or_none(row["start_date"]),
            "end_date": _date_or_none(row["end_date"]),
        }
        for row in _rows(directory, "cycles.csv")
    }
    existing = {cycle.number: cycle for cycle in Cycle.objects.all()}
    return _sync(Cycle, wanted, existing, fields)


def _load_sessions(directory):
    cycles = dict(Cycle.objects.values_list("number", "id"))
    fields = ["number", "cycle_id", "year", "start_date", "end_date", "source"]
    wanted = {
        int(row["number"]): {
            "number": int(row["number"]),
            "cycle_id": cycles[int(row["cycle"])],
            "year": _int_or_none(row["year"]),
            "start_date": _date_or_none(row["start_date"]),
            "end_date": _date_or_none(row["end_date"]),
            "source": row["source"],
        }
        for row in _rows(directory, "sessions.csv")
    }
    existing = {session.number: session for session in WorkingGroupSession.objects.all()}
    return _sync(WorkingGroupSession, wanted, existing, fields)


def _load_reviews(directory):
    sessions = dict(WorkingGroupSession.objects.values_list("number", "id"))
    states = dict(State.objects.values_list("iso3", "id"))
    fields = ["session_id", "state_id", "order", "status", "is_derived", "source"]
    wanted = {}
    for row in _rows(directory, "reviews.csv"):
        values = {
            "session_id": sessions[int(row["session"])],
            "state_id": states[row["iso3"]],
            "order": _int_or_none(row["order"]),
            "status": row["status"],
            "is_derived": row["derived"] == "1",
            "source": row["source"],
        }
        wanted[(values["session_id"], values["state_id"])] = values
    existing = {(review.session_id, review.state_id): review for review in Review.objects.all()}
    return _sync(Review, wanted, existing, fields)


def _load_issues(directory):
    fields = ["slug", "name_en", "name_fr", "name_es", "source", "theme"]
    wanted = {row["slug"]: {field: row[field] for field in fields} for row in _rows(directory, "issues.csv")}
    existing = {issue.slug: issue for issue in Issue.objects.all()}
    return _sync(Issue, wanted, existing, fields)


_LOADERS = [
    (RegionalGroup, _load_regional_groups),
    (State, _load_states),
    (StateAlias, _load_aliases),
    (Cycle, _load_cycles),
    (WorkingGroupSession, _load_sessions),
    (Review, _load_reviews),
    (Issue, _load_issues),
]
