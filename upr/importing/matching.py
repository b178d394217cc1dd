"""UPR Info rows and OHCHR matrix paragraphs of the same Review: one recommendation per paragraph.

OHCHR publishes a Review's recommendations as numbered paragraphs of the Working Group's report; a
paragraph may join several States' texts (``Ratify ICCPR (Albania); Ratify ICCPR and CPED (Chile)``).
UPR Info publishes one row per recommending State, with its own issues and action category. When both
cover a Review, the paragraph is the unit:

- each UPR Info recommendation is matched, State by State, to the part of a paragraph with the same
  text (``keys.match_key``: letters and digits only) and that State; failing that, to the part of that
  State's paragraphs whose text is closest (``difflib`` ratio ≥ ``FUZZY_RATIO``);
- the paragraph keeps its number, text, States and the matrix's response, and takes the issues (union)
  and action category (the most frequent) of the UPR Info recommendations matched to it;
- matched UPR Info recommendations already in the database are absorbed: the first one becomes the
  paragraph (its id is kept), the others are deleted; matched rows of the file are not written;
- what is left unmatched on either side is reported and kept as it is.

Whichever comes first: a matrix imported over UPR Info data absorbs it, and a UPR Info export imported
over a matrix's paragraphs only carries its issues and action category onto them (``CARRIED``).
"""

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from upr.models import Recommendation, RecommendationIssue, RecommendingState

from .keys import key_of_normalised, match_key, normalise_text
from .ohchr_matrix import split_segments
from .sources import OHCHR_MATRIX, UPR_INFO_CSV, Merged

# A UPR Info export onto paragraphs already in the database: only issues and action category written.
CARRIED = "upr-info-carried"
FUZZY_RATIO = 0.85
CHUNK = 500


@dataclass
class Unit:
    """A UPR Info recommendation: from the file (``item``), the database (``db_id``) or both."""

    key: str
    text: str
    state_ids: list
    issue_ids: set
    action_category: int | None
    file: str
    line: int | None
    item: object = None
    db_id: int | None = None
    matched: list = field(default_factory=list)  # paragraphs
    unmatched_states: list = field(default_factory=list)


@dataclass
class Paragraph:
    """A matrix paragraph: from the file (``item``) or the database (``db_*``)."""

    review_id: int
    key: str
    text: str
    number: str
    state_ids: list
    item: object = None
    db_id: int | None = None
    db_source: tuple = ("", None)
    parts: list = field(default_factory=list)  # [(match key, {state ids})]
    units: list = field(default_factory=list)


def reconcile(recommendations, refs, report):
    """The recommendations to write once UPR Info rows are matched to matrix paragraphs."""
    by_review = defaultdict(lambda: {OHCHR_MATRIX: [], UPR_INFO_CSV: []})
    for item in recommendations:
        by_review[item.review_id][item.format].append(item)
    with_paragraphs = {r for r, items in by_review.items() if items[OHCHR_MATRIX]}
    only_units = {r for r, items in by_review.items() if items[UPR_INFO_CSV] and not items[OHCHR_MATRIX]}
    db_units = _db_recommendations(with_paragraphs, paragraphs=False)
    db_paragraphs = _db_recommendations(only_units, paragraphs=True)
    dropped, carried = set(), []
    for review_id, items in by_review.items():
        if review_id in with_paragraphs:
            paragraphs = [_paragraph_of_item(item, refs) for item in items[OHCHR_MATRIX]]
            units = _units(items[UPR_INFO_CSV], db_units.get(review_id, []))
        elif db_paragraphs.get(review_id):
            paragraphs = [_paragraph_of_row(row, refs) for row in db_paragraphs[review_id]]
            units = _units(items[UPR_INFO_CSV], [])
        else:
            continue
        if not units:
            continue
        _match(paragraphs, units)
        for paragraph in paragraphs:
            if paragraph.units:
                carried.extend(_carry(paragraph))
        dropped.update(id(unit.item) for unit in units if unit.item is not None and unit.matched)
        _keep_apart(paragraphs, units)
        _report(review_id, paragraphs, units, refs, report)
    return [item for item in recommendations if id(item) not in dropped] + carried


def _db_recommendations(review_ids, *, paragraphs):
    """``{review_id: [row dict]}``: the database's matrix paragraphs or its UPR Info recommendations."""
    rows, by_id = defaultdict(list), {}
    review_ids = sorted(review_ids)
    for start in range(0, len(review_ids), CHUNK):
        chunk = review_ids[start : start + CHUNK]
        query = Recommendation.objects.filter(review_id__in=chunk)
        query = query.exclude(paragraph="") if paragraphs else query.filter(paragraph="")
        for values in query.values(
            "id",
            "review_id",
            "text_key",
            "text",
            "paragraph",
            "action_category",
            "source_file",
            "source_line",
        ):
            row = {**values, "state_ids": [], "issue_ids": set()}
            rows[row["review_id"]].append(row)
            by_id[row["id"]] = row
        if not by_id:
            continue
        links = RecommendingState.objects.filter(recommendation_id__in=by_id).order_by(
            "recommendation_id", "order", "id"
        )
        for rec_id, state_id in links.values_list("recommendation_id", "state_id"):
            by_id[rec_id]["state_ids"].append(state_id)
        if not paragraphs:
            issues = RecommendationIssue.objects.filter(recommendation_id__in=by_id)
            for rec_id, issue_id in issues.values_list("recommendation_id", "issue_id"):
                by_id[rec_id]["issue_ids"].add(issue_id)
        by_id = {}
    return rows


def _parts(text, state_ids, refs):
    """``[(match key, {state ids})]`` of a paragraph's text; the last part has the States left over."""
    segments = split_segments(text, lambda name: refs.state(name) is not None)
    parts, named = [], set()
    for segment, names in segments[:-1]:
        ids = {refs.state(name).pk for name in names}
        named |= ids
        parts.append((match_key(segment), ids))
    parts.append((match_key(segments[-1][0]), {s for s in state_ids if s not in named}))
    return parts


def _paragraph_of_item(item, refs):
    paragraph = Paragraph(item.review_id, item.key, item.text, item.paragraph, item.state_ids, item=item)
    paragraph.parts = _parts(item.text, item.state_ids, refs)
    return paragraph


def _paragraph_of_row(row, refs):
    paragraph = Paragraph(
        row["review_id"],
        row["text_key"],
        row["text"],
        row["paragraph"],
        row["state_ids"],
        db_id=row["id"],
        db_source=(row["source_file"], row["source_line"]),
    )
    paragraph.parts = _parts(row["text"], row["state_ids"], refs)
    return paragraph


def _units(items, rows):
    """The file's UPR Info recommendations, and the database's; the same key is the same recommendation."""
    units = {}
    for row in rows:
        units[row["text_key"]] = Unit(
            row["text_key"],
            row["text"],
            row["state_ids"],
            row["issue_ids"],
            row["action_category"],
            row["source_file"],
            row["source_line"],
            db_id=row["id"],
        )
    for item in items:
        unit = units.get(item.key)
        fresh = Unit(
            item.key,
            item.text,
            item.state_ids,
            item.issue_ids,
            item.action_category,
            item.file,
            item.line,
            item=item,
        )
        if unit is not None:
            fresh.db_id = unit.db_id
        units[item.key] = fresh
    return list(units.values())


def _match(paragraphs, units):
    exact = {}
    for paragraph in paragraphs:
        for key, state_ids in paragraph.parts:
            exact.setdefault((key, None), paragraph)
            for state_id in state_ids:
                exact.setdefault((key, state_id), paragraph)
    for unit in units:
        key = match_key(unit.text)
        for state_id in unit.state_ids or [None]:
            paragraph = exact.get((key, state_id)) or _closest(paragraphs, key, state_id)
            if paragraph is None:
                unit.unmatched_states.append(state_id)
            elif paragraph not in unit.matched:
                unit.matched.append(paragraph)
                paragraph.units.append(unit)


def _closest(paragraphs, key, state_id):
    """The paragraph with a part by this State whose text is closest to ``key``, if close enough."""
    best, best_ratio = None, FUZZY_RATIO
    for paragraph in paragraphs:
        for part_key, state_ids in paragraph.parts:
            if state_id is not None and state_id not in state_ids:
                continue
            matcher = difflib.SequenceMatcher(None, part_key, key, autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = paragraph, ratio
    return best


def _keep_apart(paragraphs, units):
    """An unmatched UPR Info text equal to a paragraph's (made by another State) needs its own key."""
    keys = {paragraph.key for paragraph in paragraphs}
    for unit in units:
        if unit.item is not None and not unit.matched and unit.item.key in keys:
            unit.item.key = key_of_normalised(f"{normalise_text(unit.text)}\n{UPR_INFO_CSV}")


def _action_of(units):
    counts = Counter(unit.action_category for unit in units if unit.action_category is not None)
    return counts.most_common(1)[0][0] if counts else None


def _carry(paragraph):
    """The paragraph with its UPR Info issues and category: the file's item, or a ``CARRIED`` update."""
    issue_ids = set().union(*(unit.issue_ids for unit in paragraph.units))
    action = _action_of(paragraph.units)
    absorbed = [unit.db_id for unit in paragraph.units if unit.db_id is not None]
    if paragraph.item is not None:
        item = paragraph.item
        item.issue_ids, item.action_category, item.carried = issue_ids, action, True
        item.absorbed_ids = absorbed
        return []
    first = paragraph.units[0]
    return [
        Merged(
            review_id=paragraph.review_id,
            text=paragraph.text,
            format=CARRIED,
            file=first.file,
            line=first.line,
            state_ids=paragraph.state_ids,
            issue_ids=issue_ids,
            action_category=action,
            paragraph=paragraph.number,
            key=paragraph.key,
        )
    ]


def _report(review_id, paragraphs, units, refs, report):
    label = refs.review_label(review_id)
    matched = [unit for unit in units if unit.matched]
    report.matched += len(matched)
    report.absorbed += sum(1 for unit in matched if unit.db_id is not None)
    report.notice(
        _(
            "%(review)s: %(units)d of %(total)d UPR Info recommendations matched to %(paragraphs)d of "
            "%(all)d paragraphs of the OHCHR matrix."
        )
        % {
            "review": label,
            "units": len(matched),
            "total": len(units),
            "paragraphs": sum(1 for p in paragraphs if p.units),
            "all": len(paragraphs),
        }
    )
    alone = [p.number or p.text[:60] for p in paragraphs if not p.units]
    if alone:
        report.notice(
            _("%(review)s: paragraphs without a UPR Info recommendation (no issues carried): %(list)s.")
            % {"review": label, "list": ", ".join(alone)}
        )
    for unit in units:
        if not unit.unmatched_states:
            continue
        states = ", ".join(refs.iso3(s) if s is not None else "—" for s in unit.unmatched_states)
        values = {"review": label, "text": _shorten(unit.text), "states": states}
        if unit.matched:
            message = _(
                "%(review)s: “%(text)s” by %(states)s matches no paragraph of the OHCHR matrix; it is "
                "absorbed with the rest of its recommendation (paragraph %(paragraph)s)."
            ) % {**values, "paragraph": unit.matched[0].number}
        else:
            message = (
                _(
                    "%(review)s: “%(text)s” by %(states)s matches no paragraph of the OHCHR matrix; kept as "
                    "it is."
                )
                % values
            )
        report.warning(message, unit.file or "", [unit.line] if unit.line else [])


def _shorten(text, size=80):
    return text if len(text) <= size else text[: size - 1] + "…"
