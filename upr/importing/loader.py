"""The import service: read files, resolve against reference data, merge, validate, compare, write.

``import_recommendations`` is the one entry point (command, admin, background job). It is all or
nothing: problems are collected for every file first; if there is any error nothing is written. The
natural key of a recommendation is ``(review, text_key)``. Rows of one Review with the same
normalised text are ONE recommendation with the union of their recommending States and issues; when
such rows carry different responses (UPR Info: "Ratify CEDAW" supported for one State and noted for
others), they were different paragraphs of the report and stay different recommendations, their key
then including the response. Existing rows are compared first and only differences are written, so
importing the same file again writes nothing.
"""

import zipfile
from collections import defaultdict
from io import BytesIO

from django.db import transaction
from django.utils.translation import gettext as _

from core.archives import UnsafeArchive, open_archive

from . import ohchr_matrix, upr_info
from .keys import key_of_normalised, normalise_text
from .matching import CARRIED, reconcile
from .reference import ReferenceMaps, issue_key
from .report import ImportReport
from .sources import (
    FORMATS,
    OHCHR_MATRIX,
    UPR_INFO_CSV,
    Merged,
    SourceError,
    detect_format,
    is_docx,
    read_bytes,
    source_name,
)
from .writer import write_changes

RESPONSES = {
    "supported": "supported",
    "accepted": "supported",
    "noted": "noted",
    "not supported": "noted",
    "": "",
}
# Fields each format publishes; the others are left as they are on update.
PROVIDED = {
    UPR_INFO_CSV: ("response", "action_category", "issues"),
    OHCHR_MATRIX: ("paragraph", "response", "ohchr_themes", "groups_of_persons", "sdgs", "source_document"),
}


class Collector:
    """Problems that repeat (an unknown name on many lines) are reported once with all their lines."""

    def __init__(self):
        self.groups = defaultdict(list)

    def add(self, level, message, file, line):
        self.groups[(level, message, file)].append(line)

    def flush(self, report):
        for (level, message, file), lines in self.groups.items():
            report.add(level, message, file, lines)


def read_sources(paths):
    """``[(name, bytes)]`` from paths, with the size cap applied before reading."""
    return [(source_name(path), read_bytes(path)) for path in paths]


def parse_review(value):
    """``"SVN:20"`` → ``("SVN", 20)``; raises ``ValueError`` with a clear message."""
    iso3, sep, session = (value or "").partition(":")
    if not sep or len(iso3.strip()) != 3 or not session.strip().isdigit():
        raise ValueError(_("--review must look like ISO3:SESSION, for example SVN:20."))
    return iso3.strip().upper(), int(session)


def import_recommendations(sources, *, format=None, dry_run=False, review=None, progress=None):
    """Import ``sources`` (``[(name, bytes)]``) and return an ``ImportReport``.

    ``format`` forces one of ``FORMATS`` (else detected from content), ``review`` = ``(iso3, session)``
    for OHCHR matrices that do not name their Review, ``progress(done, total)`` is called every thousand
    rows read (``total`` estimated from the files' line ends or table rows).
    """
    report, recommendations, _refs = prepare(
        sources, format=format, dry_run=dry_run, review=review, progress=progress
    )
    if report.ok:
        write_changes(recommendations, report, write=not dry_run, atomic=transaction.atomic)
    return report


def prepare(sources, *, format=None, dry_run=False, review=None, progress=None):
    """Read, resolve, merge and validate without writing: ``(report, recommendations, reference maps)``."""
    report = ImportReport(dry_run=dry_run)
    refs = ReferenceMaps()
    if format and format not in FORMATS:
        report.error(
            _("Unknown format %(format)s (use %(formats)s).")
            % {"format": format, "formats": ", ".join(FORMATS)}
        )
        return report, [], refs
    if review and refs.state_by_iso3(review[0]) is None:
        report.error(_("--review: no State with the ISO3 code %(iso3)s.") % {"iso3": review[0]})
        return report, [], refs
    collector = Collector()
    merged = {}
    counter = _Progress(progress, sum(estimate_rows(data) for _name, data in sources))
    for name, data in sources:
        try:
            kind = _format_of(data, name, format)
            rows = _read(kind, data, name, report, review, refs)
            _merge_rows(counter.wrap(rows), kind, refs, collector, merged)
        except SourceError as exc:
            report.error(str(exc))
    counter.finish()
    collector.flush(report)
    recommendations = _split_conflicting(merged, report)
    if report.ok:
        recommendations = reconcile(recommendations, refs, report)
    _count(recommendations, report)
    return report, recommendations, refs


def estimate_rows(data):
    """Rows a file will give, cheaply (line ends of a CSV, table rows of a .docx), for progress only."""
    try:
        if is_docx(data):
            with open_archive(BytesIO(data)) as archive:
                return archive.read("word/document.xml").count(b"<w:tr")
    except (UnsafeArchive, zipfile.BadZipFile, KeyError, EOFError):
        return 0  # the reader reports what is wrong with the file
    return max(data.count(b"\n"), data.count(b"\r"))


class _Progress:
    """Calls ``progress(done, total)`` every ``STEP`` rows and at the end."""

    STEP = 1000

    def __init__(self, callback, total):
        self.callback, self.total, self.done = callback, total, 0

    def wrap(self, rows):
        for row in rows:
            self.done += 1
            if self.callback and self.done % self.STEP == 0:
                self.callback(self.done, max(self.total, self.done))
            yield row

    def finish(self):
        if self.callback:
            self.callback(self.done, self.done)


def _format_of(data, name, forced):
    detected = detect_format(data, name)
    if forced and forced != detected:
        raise SourceError(
            _("%(file)s: --format %(forced)s was given but the file's content is %(detected)s.")
            % {"file": name, "forced": forced, "detected": detected}
        )
    return detected


def _read(kind, data, name, report, review, refs):
    if kind == OHCHR_MATRIX:
        return ohchr_matrix.read(
            data, name, report, review=review, is_state=lambda n: refs.state(n) is not None
        )
    if review:
        report.notice(
            _("%(file)s: --review is ignored for UPR Info exports (each row names its Review).")
            % {"file": name}
        )
    return upr_info.read(data, name, report)


def _merge_rows(rows, kind, refs, collector, merged):
    checker = MembershipCheck(refs, collector) if kind == UPR_INFO_CSV else None
    for row in rows:
        item = _resolve(row, kind, refs, collector)
        if item is None:
            continue
        if checker:
            checker.check(row)
        normalised = normalise_text(item.text)
        key = (item.review_id, kind, normalised)  # two formats of one Review meet in ``matching``
        existing = merged.get(key)
        if existing is None:
            item.key = key_of_normalised(normalised)
            item.lines = [(row.file, row.line, item.response, item.action_category, tuple(item.state_ids))]
            merged[key] = [item]
        else:
            _fold(existing, item, row, collector)


def _fold(items, item, row, collector):
    """Add a row with a text already seen in this Review."""
    for other in items:
        distinct_paragraphs = other.paragraph and item.paragraph and other.paragraph != item.paragraph
        if other.response == item.response and not distinct_paragraphs:
            for state_id in item.state_ids:
                if state_id not in other.state_ids:
                    other.state_ids.append(state_id)
            other.issue_ids |= item.issue_ids
            if item.action_category != other.action_category and item.action_category is not None:
                collector.add(
                    "warning",
                    _(
                        "the same text in the same Review is coded with action category %(new)s here "
                        "and %(kept)s on line %(line)d; %(kept)s is kept."
                    )
                    % {"new": item.action_category, "kept": other.action_category, "line": other.line},
                    row.file,
                    row.line,
                )
            other.lines.append(
                (row.file, row.line, item.response, item.action_category, tuple(item.state_ids))
            )
            return
    item.lines = [(row.file, row.line, item.response, item.action_category, tuple(item.state_ids))]
    items.append(item)


def _resolve(row, kind, refs, collector):
    """A ``Merged`` for one source row, or None after recording why not."""
    file, line, ok = row.file, row.line, True
    sur = refs.state_by_iso3(row.sur_name) if len(row.sur_name) == 3 and row.sur_name.isupper() else None
    sur = sur or refs.state(row.sur_name)
    if sur is None:
        collector.add(
            "error", _("unknown State under Review “%(name)s”.") % {"name": row.sur_name}, file, line
        )
        ok = False
    state_ids = []
    for name in row.state_names:
        state = refs.state(name)
        if state is None:
            if name == "&#40;Unknown&#41;" or name == "(Unknown)":
                collector.add(
                    "warning",
                    _("the recommending State is “(Unknown)” in the source; imported without it."),
                    file,
                    line,
                )
                continue
            collector.add("error", _("unknown State “%(name)s”.") % {"name": name}, file, line)
            ok = False
        elif state.pk not in state_ids:
            state_ids.append(state.pk)
    if not row.state_names:
        collector.add("warning", _("no recommending State is named."), file, line)
    response = RESPONSES.get(row.response.casefold())
    if response is None:
        if row.response.casefold() == "voluntary pledge":
            message = _("“Voluntary Pledge” rows are pledges by the State under Review, not recommendations.")
        else:
            message = _(
                "unknown response “%(value)s” (expected Supported, Noted, Accepted or Not supported)."
            ) % {"value": row.response}
        collector.add("error", message, file, line)
        ok = False
    action = None
    if row.action:
        if row.action in {"1", "2", "3", "4", "5"}:
            action = int(row.action)
        else:
            collector.add(
                "error",
                _("unknown action category “%(value)s” (expected 1 to 5).") % {"value": row.action},
                file,
                line,
            )
            ok = False
    issue_ids = set()
    for name in row.issue_names:
        issue_id = refs.issues.get(issue_key(name))
        if issue_id is None:
            collector.add("error", _("unknown issue “%(name)s”.") % {"name": name}, file, line)
            ok = False
        else:
            issue_ids.add(issue_id)
    review_id = None
    if sur is not None:
        review_id = refs.review_id(sur, row.session)
        if review_id is None:
            if row.session not in refs.sessions:
                message = _("session %(session)s does not exist.") % {"session": row.session}
            else:
                message = _("there is no Review of %(state)s in session %(session)s.") % {
                    "state": sur.name_en,
                    "session": row.session,
                }
            collector.add("error", message, file, line)
            ok = False
    if not ok:
        return None
    return Merged(
        review_id=review_id,
        text=row.text,
        format=kind,
        file=file,
        line=line,
        state_ids=state_ids,
        issue_ids=issue_ids,
        response=response,
        action_category=action,
        paragraph=row.paragraph,
        ohchr_themes=row.ohchr_themes,
        groups_of_persons=row.groups_of_persons,
        sdgs=row.sdgs,
        source_document=row.source_document,
    )


def _split_conflicting(merged, report):
    """Texts published as several recommendations (different responses or paragraphs) get one key each."""
    out = []
    for items in merged.values():
        if len(items) == 1:
            out.append(items[0])
            continue
        lines = [line for item in items for (_f, line, *_rest) in item.lines]
        report.notice(
            _(
                "the same text is published as %(n)d recommendations (responses %(responses)s, paragraphs "
                "%(paragraphs)s): kept apart."
            )
            % {
                "n": len(items),
                "responses": ", ".join(sorted({i.response or "—" for i in items})),
                "paragraphs": ", ".join(i.paragraph or "—" for i in items),
            },
            items[0].file,
            lines,
        )
        for item in items:
            discriminator = f"{item.response}\n{item.paragraph}" if item.paragraph else item.response
            item.key = key_of_normalised(f"{normalise_text(item.text)}\n{discriminator}")
            out.append(item)
    return out


def _count(recommendations, report):
    for item in recommendations:
        if item.format == CARRIED:
            continue
        report.by_response[item.response] += 1
        report.by_action[item.action_category or "—"] += 1


class MembershipCheck:
    """Regional groups declared in a UPR Info file against the reference data: differences reported."""

    def __init__(self, refs, collector):
        self.refs = refs
        self.collector = collector
        self.messages = {}  # (name, declared) → message or None: a few hundred distinct pairs
        self.orgs = {}  # name → (memberships, first line)
        self.orgs_seen = {}  # name → the raw value last found consistent (the common case, checked fast)

    def check(self, row):
        for pair in ((row.sur_name, row.sur_group), (row.state_names[0], row.state_group)):
            try:
                message = self.messages[pair]
            except KeyError:
                message = self.messages[pair] = self._difference(*pair)
            if message:
                self.collector.add("notice", message, row.file, row.line)
        for name, orgs in ((row.sur_name, row.sur_orgs), (row.state_names[0], row.state_orgs)):
            self._check_orgs(name, orgs, row)

    def _check_orgs(self, name, orgs, row):
        """No reference data lists organisation memberships: a State's must at least agree across rows."""
        if self.orgs_seen.get(name) == orgs:
            return
        value = ", ".join(sorted({org.strip() for org in orgs.split(",") if org.strip()}))
        first = self.orgs.setdefault(name, (value, row.line))
        if first[0] == value:
            self.orgs_seen[name] = orgs
        if first[0] != value:
            self.collector.add(
                "notice",
                _(
                    "the file gives %(state)s the memberships “%(here)s” here and “%(first)s” "
                    "on line %(line)d."
                )
                % {"state": name, "here": value, "first": first[0], "line": first[1]},
                row.file,
                row.line,
            )

    def _difference(self, name, declared):
        state = self.refs.state(name)
        if state is None or not declared or declared.startswith("&#"):
            return None
        expected = self.refs.group_label(state)
        if declared == expected:
            return None
        return _(
            "the file puts %(state)s in the regional group %(declared)s; "
            "the reference data says %(expected)s."
        ) % {
            "state": state.name_en,
            "declared": declared,
            "expected": expected,
        }
