"""The audit trail: who changed what and when, read from django-simple-history's historical tables.

Every model with ``history = HistoricalRecords()`` is tracked; ``HistoryRequestMiddleware`` records the
signed-in user of the request (admin and views alike), services may set ``_history_user`` explicitly.
``change_rows`` reads all historical tables at once (one UNION query per page), ``describe_changes``
loads the page's records and the records they follow in two queries per model, so the page costs the
same number of queries for one change as for a thousand. A record is labelled with its model's
``__str__`` only when that needs no query (checked by refusing queries while it runs).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
MAX_VALUE_LENGTH = 120


def tracked_models():
    """``{label: model}`` for every model with a simple-history trail, sorted by label."""
    found = {
        model._meta.label_lower: model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    }
    return dict(sorted(found.items()))


def _historical(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def change_rows(*, model_label="", user_query="", action="", since=None):
    """A queryset of plain rows (dicts), newest first, over every tracked model's history."""
    models = tracked_models()
    if model_label:
        models = {model_label: models[model_label]} if model_label in models else {}
    parts = []
    for label, model in models.items():
        rows = _historical(model).objects.order_by()  # no ORDER BY inside a UNION
        if user_query:
            rows = rows.filter(history_user__email__icontains=user_query)
        if action:
            rows = rows.filter(history_type=action)
        if since:
            rows = rows.filter(history_date__date__gte=since)
        parts.append(
            rows.annotate(
                model_label=Value(label, output_field=CharField()),
                object_pk=Cast(F(model._meta.pk.attname), output_field=CharField()),
            ).values(
                "history_id", "history_date", "history_type", "history_user_id", "model_label", "object_pk"
            )
        )
    if not parts:
        return _historical(get_user_model()).objects.none().values("history_id")
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return union.order_by("-history_date", "-history_id")


@dataclass
class Change:
    when: object
    action: str
    action_label: str
    user: object
    model_name: str
    object_pk: str
    label: str
    admin_url: str
    reason: str
    fields: list = field(default_factory=list)


def describe_changes(rows, user=None):
    """Turn one page of ``change_rows`` into ``Change`` objects with the fields that changed.

    Each links to the object's history in the admin only when ``user`` may open it (view or change
    permission on the model), so the audit trail never leads to a 403.
    """
    rows = list(rows)
    models = tracked_models()
    users = get_user_model().objects.in_bulk({row["history_user_id"] for row in rows} - {None})
    records = {}
    for label in {row["model_label"] for row in rows}:
        ids = [row["history_id"] for row in rows if row["model_label"] == label]
        records.update(
            {(label, key): value for key, value in _records_with_previous(models[label], ids).items()}
        )
    changes = []
    for row in rows:
        model = models[row["model_label"]]
        record, previous = records[(row["model_label"], row["history_id"])]
        changes.append(
            Change(
                when=row["history_date"],
                action=row["history_type"],
                action_label=ACTIONS.get(row["history_type"], row["history_type"]),
                user=users.get(row["history_user_id"]),
                model_name=model._meta.verbose_name,
                object_pk=row["object_pk"],
                label=_label(model, record),
                admin_url=_admin_history_url(model, row["object_pk"]) if _may_open(user, model) else "",
                reason=record.history_change_reason or "",
                fields=_changed_fields(record, previous) if row["history_type"] == "~" else [],
            )
        )
    return changes


def _records_with_previous(model, history_ids):
    """``{history_id: (record, previous record or None)}`` in two queries."""
    historical = _historical(model)
    pk = model._meta.pk.attname
    previous_id = (
        historical.objects.filter(**{pk: OuterRef(pk)}, history_date__lt=OuterRef("history_date"))
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    records = list(
        historical.objects.filter(history_id__in=history_ids).annotate(previous_id=Subquery(previous_id))
    )
    previous = historical.objects.in_bulk([r.previous_id for r in records if r.previous_id is not None])
    return {record.history_id: (record, previous.get(record.previous_id)) for record in records}


class _QueryRefused(Exception):  # noqa: N818 (names what happened, as the domain says it)
    pass


def _refuse_query(*args, **kwargs):
    raise _QueryRefused


def _label(model, record):
    """The record's ``str()`` as it was, if the model's ``__str__`` needs no query; else ""."""
    instance = model(**{f.attname: getattr(record, f.attname) for f in record.tracked_fields})
    try:
        with connection.execute_wrapper(_refuse_query):
            return str(instance)[:MAX_VALUE_LENGTH]
    except Exception:  # noqa: BLE001 - a __str__ that queries or fails is simply not shown
        return ""


def _changed_fields(record, previous):
    if previous is None:
        return []
    changed = []
    for model_field in record.tracked_fields:
        old, new = getattr(previous, model_field.attname), getattr(record, model_field.attname)
        if old != new:
            changed.append((model_field.verbose_name, _display(model_field, old), _display(model_field, new)))
    return changed


def _display(model_field, value):
    if value is None or value == "":
        return "—"
    if model_field.choices:
        value = dict(model_field.flatchoices).get(value, value)
    text = str(value)
    return text if len(text) <= MAX_VALUE_LENGTH else text[: MAX_VALUE_LENGTH - 1] + "…"


def _may_open(user, model):
    if user is None:
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def _admin_history_url(model, object_pk):
    if not admin.site.is_registered(model):
        return ""
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[object_pk])
    except NoReverseMatch:
        return ""
