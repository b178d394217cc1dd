"""Compare merged recommendations with the database and write only the differences, in bulk."""

import json

from django.db import connection
from django.utils import timezone

from upr.models import Recommendation, RecommendationIssue, RecommendingState

from .matching import CARRIED
from .sources import OHCHR_MATRIX, UPR_INFO_CSV

BATCH = 2000
CHUNK = 500  # ids per IN (...) clause, well below SQLite's parameter limit

SCALARS = {
    UPR_INFO_CSV: ("text", "response", "action_category", "source_file", "source_line"),
    OHCHR_MATRIX: (
        "text",
        "paragraph",
        "response",
        "ohchr_themes",
        "groups_of_persons",
        "sdgs",
        "source_document",
        "source_file",
        "source_line",
    ),
    CARRIED: ("action_category",),
}


def _scalars(item):
    """The fields this item publishes: its format's, plus the action category carried onto a paragraph."""
    return SCALARS[item.format] + (("action_category",) if item.carried else ())


def _writes_issues(item):
    return item.format in (UPR_INFO_CSV, CARRIED) or item.carried


def _chunks(values, size=CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _existing(review_ids, formats, *, issues):
    """``{(review_id, text_key): row dict}`` with ``state_ids`` (ordered) and ``issue_ids`` (set).

    Only the fields the imported formats publish are read (JSON decoding 40,000 rows costs a second).
    """
    names = sorted({name for kind in formats for name in SCALARS[kind]} | {"action_category"})
    rows, by_id = {}, {}
    for chunk in _chunks(review_ids):
        query = Recommendation.objects.filter(review_id__in=chunk)
        for values in query.values_list("id", "review_id", "text_key", *names):
            row = dict(zip(names, values[3:], strict=True))
            row["id"], row["state_ids"], row["issue_ids"] = values[0], [], set()
            rows[(values[1], values[2])] = row
            by_id[values[0]] = row
    for chunk in _chunks(review_ids):
        links = RecommendingState.objects.filter(recommendation__review_id__in=chunk)
        for rec_id, state_id in links.order_by("recommendation_id", "order", "id").values_list(
            "recommendation_id", "state_id"
        ):
            by_id[rec_id]["state_ids"].append(state_id)
        if issues:
            issues = RecommendationIssue.objects.filter(recommendation__review_id__in=chunk)
            for rec_id, issue_id in issues.values_list("recommendation_id", "issue_id"):
                by_id[rec_id]["issue_ids"].add(issue_id)
    return rows


def _wanted(item):
    return {
        "text": item.text,
        "response": item.response,
        "action_category": item.action_category,
        "paragraph": item.paragraph,
        "ohchr_themes": item.ohchr_themes,
        "groups_of_persons": item.groups_of_persons,
        "sdgs": item.sdgs,
        "source_document": item.source_document,
        "source_file": item.file,
        "source_line": item.line,
        "text_key": item.key,
    }


def plan(recommendations):
    """``(to_create, to_update, to_delete, unchanged)``.

    Updates are ``(id, changed fields, item, states?, issues?)``. A matrix paragraph new to the database
    that absorbs UPR Info recommendations (``matching``) takes over the first one's row; the others
    are deleted.
    """
    existing = _existing(
        {item.review_id for item in recommendations},
        {item.format for item in recommendations},
        issues=any(_writes_issues(item) for item in recommendations),
    )
    to_create, to_update, to_delete, unchanged = [], [], set(), 0
    taken = set()
    for item in recommendations:
        current = existing.get((item.review_id, item.key))
        absorbed = [
            pk for pk in item.absorbed_ids if pk not in taken and (not current or pk != current["id"])
        ]
        taken.update(absorbed)
        if current is None and absorbed:
            fields = [*_scalars(item), "text_key"]
            to_update.append((absorbed[0], fields, item, True, True))
            to_delete.update(absorbed[1:])
            continue
        to_delete.update(absorbed)
        if current is None:
            to_create.append(item)
            continue
        wanted = _wanted(item)
        changed = [name for name in _scalars(item) if current[name] != wanted[name]]
        states_changed = item.format != CARRIED and current["state_ids"] != item.state_ids
        issues_changed = _writes_issues(item) and current["issue_ids"] != item.issue_ids
        if changed or states_changed or issues_changed:
            to_update.append((current["id"], changed, item, states_changed, issues_changed))
        else:
            unchanged += 1
    return to_create, to_update, sorted(to_delete), unchanged


def write_changes(recommendations, report, *, write, atomic):
    to_create, to_update, to_delete, unchanged = plan(recommendations)
    report.created, report.updated, report.unchanged = len(to_create), len(to_update), unchanged
    report.deleted = len(to_delete)
    if not write or not (to_create or to_update or to_delete):
        return
    with atomic():
        for chunk in _chunks(to_delete):
            Recommendation.objects.filter(pk__in=chunk).delete()
        _create(to_create)
        _update(to_update)


# The ORM's bulk_create spends most of its time preparing 800,000 values one by one; the rows here are
# already clean Python values, so they go to ``executemany`` directly (same SQL on SQLite and PostgreSQL,
# database triggers such as the search index still fire).
_REC_COLUMNS = (
    "review_id",
    "text_key",
    "text",
    "paragraph",
    "response",
    "action_category",
    "ohchr_themes",
    "groups_of_persons",
    "sdgs",
    "source_document",
    "source_file",
    "source_line",
    "created",
    "updated",
)


def _insert(model, columns, rows):
    if not rows:
        return
    quote = connection.ops.quote_name
    table, names = quote(model._meta.db_table), ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of thousands of INSERT statements (psycopg 3).
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        # Names come from the model and are quoted; every value is a query parameter.
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _create(items):
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = [
        (
            item.review_id,
            item.key,
            item.text,
            item.paragraph,
            item.response,
            item.action_category,
            json.dumps(item.ohchr_themes),
            json.dumps(item.groups_of_persons),
            json.dumps(item.sdgs),
            item.source_document,
            item.file,
            item.line,
            now,
            now,
        )
        for item in items
    ]
    _insert(Recommendation, _REC_COLUMNS, rows)
    ids = {}
    for chunk in _chunks({item.review_id for item in items}):
        query = Recommendation.objects.filter(review_id__in=chunk).values_list("review_id", "text_key", "id")
        ids.update(((review_id, key), pk) for review_id, key, pk in query)
    _link([(ids[(item.review_id, item.key)], item) for item in items], states=True, issues=True)


def _link(pairs, *, states, issues):
    state_rows, issue_rows = [], []
    for rec_id, item in pairs:
        if states:
            state_rows.extend((rec_id, state_id, order) for order, state_id in enumerate(item.state_ids))
        if issues:
            issue_rows.extend((rec_id, issue_id) for issue_id in sorted(item.issue_ids))
    _insert(RecommendingState, ("recommendation_id", "state_id", "order"), state_rows)
    _insert(RecommendationIssue, ("recommendation_id", "issue_id"), issue_rows)


def _update(updates):
    if not updates:
        return
    now = timezone.now()
    # Rows that publish the same fields are updated together; every object carries all of them, so that
    # the union of changed fields written for the group never overwrites a value with a default.
    by_fields = {}
    for rec_id, changed, item, _states, _issues in updates:
        published = tuple(sorted({*_scalars(item), *changed}))
        objects, fields = by_fields.setdefault(published, ([], {"updated"}))
        wanted = _wanted(item)
        objects.append(Recommendation(pk=rec_id, updated=now, **{f: wanted[f] for f in published}))
        fields.update(changed)
    for objects, fields in by_fields.values():
        Recommendation.objects.bulk_update(objects, sorted(fields), batch_size=BATCH)
    state_ids = [rec_id for rec_id, _c, _i, states, _is in updates if states]
    issue_ids = [rec_id for rec_id, _c, _i, _s, issues in updates if issues]
    for chunk in _chunks(state_ids):
        RecommendingState.objects.filter(recommendation_id__in=chunk).delete()
    for chunk in _chunks(issue_ids):
        RecommendationIssue.objects.filter(recommendation_id__in=chunk).delete()
    _link([(rec_id, item) for rec_id, _c, item, states, _is in updates if states], states=True, issues=False)
    _link([(rec_id, item) for rec_id, _c, item, _s, issues in updates if issues], states=False, issues=True)
