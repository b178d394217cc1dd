"""Reader of OHCHR thematic lists of recommendations (Word .docx "matrices", cycles 2–4).

One table; ``Theme:`` rows separate the themes; each other row is one paragraph of the report of the
Working Group: ``140.7 Ratify … (Maldives) (Portugal);`` then ``Source of Position: A/HRC/59/15/Add.1 -
Para.3`` in the first cell, the position in the second, themes and groups of persons (and, in cycle 3,
SDGs) in the third, and in cycle 4 the SDGs in the fourth. The State under Review and the session come
from the page header (``UPR of Slovenia (4th Cycle - 48th Session)``) or a ``A/HRC/WG.6/48/SVN`` symbol.
"""

import re

from django.utils.translation import gettext as _

from .sources import SourceError, SourceRow
from .wordfiles import open_word_document

_HEADER = re.compile(
    r"UPR of (?P<sur>.+?)\s*\(\s*\d+\w*\s+Cycle\s*[–—-]\s*(?P<session>\d+)\w*\s+Session\s*\)", re.I
)
_WG_SYMBOL = re.compile(r"A/HRC/WG\.6/(?P<session>\d+)/(?P<iso3>[A-Z]{3})\b")
_PARAGRAPH = re.compile(r"^\s*(?P<number>\d+\.\d+)\.?\s+")
_SOURCE = re.compile(r"\n?\s*Source of position\s*:\s*(?P<source>.*)$", re.I | re.S)
_SYMBOL = re.compile(r"A/HRC/[\w./-]*\w")
_SECTION = re.compile(r"^(Affected persons|Groups of persons|SDGs)\s*:\s*$", re.I)
_SDG_THEME = re.compile(r"^S(\d+)\s+SDG\s+\d+\s*-\s*(.*)$", re.I)
_SEGMENT_END = re.compile(r"\)\s*;\s*")


def _cell_text(cell):
    return "\n".join(p.text for p in cell.paragraphs)


def find_review(document):
    """``(sur_name, session, iso3)`` as far as the document says (each may be empty/None)."""
    texts = []
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            if part is not None and not part.is_linked_to_previous or part is section.header:
                texts.extend(p.text for p in part.paragraphs)
    texts.extend(p.text for p in document.paragraphs)
    for text in texts:
        match = _HEADER.search(text)
        if match:
            return match["sur"].strip(), int(match["session"]), ""
    for text in texts:
        match = _WG_SYMBOL.search(text)
        if match:
            return "", int(match["session"]), match["iso3"]
    return "", None, ""


def _last_group(text):
    """``("Text (A)", "A")`` → index of the opening parenthesis of the last balanced group, or None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _trailing_groups(text, is_state, *, first_always=True):
    """Split ``Text (A) (B, C)`` into ``("Text", ["A", "B", "C"])``.

    Groups are taken from the end while their names are States (``is_state``); the last group is
    always taken when ``first_always`` (so that an unknown State is reported, not kept as text).
    ``(No. 29)`` or ``(2016–2020)`` before the States stay in the text.
    """
    names = []
    text = text.rstrip(" ;.,\n\t")
    while True:
        index = _last_group(text)
        if index is None:
            break
        group = _split_names(text[index + 1 : -1])
        take = all(is_state(name) for name in group) or (first_always and not names)
        if not take or not group:
            break
        names = group + names
        text = text[:index].rstrip()
    return text.rstrip(" ;,"), names


def _split_names(group):
    names, depth, current = [], 0, ""
    for char in group:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char == "," and depth == 0:
            names.append(current.strip())
            current = ""
        else:
            current += char
    names.append(current.strip())
    return [name for name in names if name]


def split_recommendation(cell, is_state=None):
    """``(paragraph, text, state names, source document)`` from the first cell of a row."""
    is_state = is_state or (lambda name: True)
    source = ""
    match = _SOURCE.search(cell)
    if match:
        symbol = _SYMBOL.search(match["source"])
        source = symbol.group(0) if symbol else match["source"].strip()
        cell = cell[: match.start()]
    cell = cell.strip()
    paragraph = ""
    match = _PARAGRAPH.match(cell)
    if match:
        paragraph = match["number"]
        cell = cell[match.end() :]
    text, last = _trailing_groups(cell, is_state)
    names = [name for _part, part_names in split_segments(text, is_state) for name in part_names]
    for name in last:
        if name not in names:
            names.append(name)
    return paragraph, " ".join(text.split()), names, source


def split_segments(text, is_state):
    """``[(text, names)]`` of a paragraph that joins several recommendations.

    ``Do X (Ukraine); continue Y (Slovakia)`` → ``[("Do X", ["Ukraine"]), ("continue Y", [])]``: a ``);``
    ends a part only when the group before it names States. The last part's States are not in ``text``
    (``split_recommendation`` took them off), so its names are empty: the caller knows them.
    """
    parts, start = [], 0
    for match in _SEGMENT_END.finditer(text):
        part, names = _trailing_groups(text[start : match.start() + 1], is_state, first_always=False)
        if names:
            parts.append((" ".join(part.split()), names))
            start = match.end()
    parts.append((" ".join(text[start:].split()), []))
    return parts


def _listed(lines):
    return [line.lstrip("-•· \t").strip() for line in lines if line.lstrip("-•· \t").strip()]


def split_themes(cell):
    """``(themes, groups of persons, SDGs)`` from the themes cell, whatever the cycle's layout."""
    themes, groups, sdgs = [], [], []
    target = themes
    for raw in cell.split("\n"):
        line = raw.strip()
        if not line:
            continue
        section = _SECTION.match(line)
        if section:
            target = sdgs if section.group(1).lower() == "sdgs" else groups
            continue
        item = line.lstrip("-•· \t").strip()
        if not item:
            continue
        sdg = _SDG_THEME.match(item)
        if target is themes and sdg:
            sdgs.append(f"{sdg.group(1)} - {sdg.group(2).strip()}")
            continue
        target.append(item)
    return themes, groups, sdgs


def _columns(header):
    roles = {}
    for index, title in enumerate(header):
        lowered = title.lower()
        if lowered.startswith("recommendation") and "recommendation" not in roles:
            roles["recommendation"] = index
        elif "position" in lowered and "position" not in roles:
            roles["position"] = index
        elif "theme" in lowered and "themes" not in roles:
            roles["themes"] = index
        elif "sdg" in lowered and "sdgs" not in roles:
            roles["sdgs"] = index
    return roles


def _table(document, name):
    for table in document.tables:
        if not table.rows:
            continue
        roles = _columns([_cell_text(c).strip() for c in table.rows[0].cells])
        if "recommendation" in roles and "position" in roles:
            return table, roles
    raise SourceError(
        _("%(file)s: no table of recommendations (a first row with “Recommendation” and “Position”).")
        % {"file": name}
    )


def open_document(data, name):
    return open_word_document(data, name)


def read(data, name, report, review=None, is_state=None):
    """Yield one ``SourceRow`` per paragraph. ``review`` = ``(iso3, session)`` overrides the document."""
    document = open_document(data, name)
    table, roles = _table(document, name)
    sur_name, session, iso3 = find_review(document)
    if review:
        iso3, session = review
        sur_name = ""
    elif session is None:
        raise SourceError(
            _(
                "%(file)s: the document does not say which State was reviewed in which session; "
                "give --review ISO3:SESSION."
            )
            % {"file": name}
        )
    report.files[name] = {"format": "OHCHR matrix", "rows": 0}
    rows = 0
    for number, row in enumerate(table.rows[1:], start=2):
        cells = [_cell_text(c) for c in row.cells]
        first = cells[roles["recommendation"]].strip()
        if not first or first.lower().startswith("theme:"):
            continue
        rows += 1
        paragraph, text, names, source = split_recommendation(first, is_state)
        if not text:
            report.error(_("the recommendation text is empty."), name, [number])
            continue
        themes, groups, sdgs = split_themes(cells[roles["themes"]]) if "themes" in roles else ([], [], [])
        if "sdgs" in roles:
            sdgs = sdgs + _listed(cells[roles["sdgs"]].split("\n"))
        yield SourceRow(
            file=name,
            line=number,
            text=text,
            state_names=names,
            response=cells[roles["position"]].strip(),
            paragraph=paragraph,
            ohchr_themes=themes,
            groups_of_persons=groups,
            sdgs=sdgs,
            source_document=source,
            sur_name=sur_name or iso3,
            session=session,
        )
    report.files[name]["rows"] = rows
