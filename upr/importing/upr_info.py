"""Reader of UPR Info database exports (CSV, sessions 1–20): encoding detection and row parsing.

The published files are old Mac Excel exports: Mac Roman with bare CR line endings. UTF-8 (with or
without BOM) and Windows-1252 exports exist too. UTF-8 is tried first (it almost never decodes
wrongly); otherwise Mac Roman and Windows-1252 are scored on how plausible the accented characters
they produce are, bare CR line endings counting for Mac Roman. charset-normalizer is the fallback for
anything else.
"""

import csv
import io
import re

from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from .sources import SourceError, SourceRow

COLUMNS = [
    "To",
    "To-Rgrp",
    "To-Org",
    "Text",
    "From",
    "From-Rgrp",
    "From-Org",
    "Response",
    "Action",
    "Issue",
    "Session",
]

# Characters a Latin-script UN text plausibly contains beyond ASCII.
_PLAUSIBLE = set("àâäáãåçéèêëíìîïñóòôöõøúùûüýÿæœßÀÂÄÁÃÅÇÉÈÊËÍÎÏÑÓÔÖÕØÚÙÛÜÆŒ’‘“”–—…°«»ªº§€£¿¡")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _score(text):
    """Higher when the non-ASCII characters look like accented letters, better still inside words."""
    score = 0
    for match in _NON_ASCII.finditer(text):
        char, start = match.group(), match.start()
        if char not in _PLAUSIBLE:
            score -= 3
            continue
        score += 1
        if char.isalpha() and (text[start - 1 : start].isalpha() or text[start + 1 : start + 2].isalpha()):
            score += 1
    return score


def decode(data, name):
    """Return ``(text, encoding label)``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (with BOM)"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, ("UTF-8" if not text.isascii() else "ASCII (UTF-8 compatible)")
    bare_cr = b"\r" in data and b"\n" not in data
    candidates = []
    for codec, label in (("mac_roman", "Mac Roman"), ("cp1252", "Windows-1252")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        bonus = 1 if (bare_cr and codec == "mac_roman") else 0
        candidates.append((_score(text) + bonus, label, text))
    if candidates:
        candidates.sort(key=lambda c: c[0], reverse=True)
        best = candidates[0]
        if best[0] > 0 or len(candidates) == 1:
            return best[2], best[1]
    guess = from_bytes(data).best()
    if guess is None:
        raise SourceError(_("%(file)s: the text encoding could not be recognised.") % {"file": name})
    return str(guess), f"{guess.encoding} (charset-normalizer)"


def _split(value):
    return [part.strip() for part in value.split(",") if part.strip()]


def read(data, name, report):
    """Yield ``SourceRow`` for each data row; header and row problems go to ``report``."""
    text, encoding = decode(data, name)
    report.files[name] = {"format": "UPR Info CSV", "encoding": encoding, "rows": 0}
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=False)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise SourceError(_("%(file)s: the file has no header row.") % {"file": name}) from None
    header = [column.strip() for column in header]
    if header != COLUMNS:
        raise SourceError(
            _("%(file)s, line 1: the columns are not those of a UPR Info export (expected %(expected)s).")
            % {"file": name, "expected": ", ".join(COLUMNS)}
        )
    rows = 0
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            report.error(_("the row cannot be read (%(error)s).") % {"error": exc}, name, [line])
            break
        if not values or values == [""]:
            continue
        rows += 1
        if len(values) != len(COLUMNS):
            report.error(
                _("expected %(expected)d columns, found %(found)d (truncated or malformed row).")
                % {"expected": len(COLUMNS), "found": len(values)},
                name,
                [line],
            )
            continue
        row = _row(values, name, line, report)
        if row is not None:
            yield row
    report.files[name]["rows"] = rows


def _row(values, name, line, report):
    sur, sur_group, sur_orgs, text, state, state_group, state_orgs, response, action, issues, session = values
    if not text.strip():
        report.error(_("the recommendation text is empty."), name, [line])
        return None
    try:
        session_number = int(session.strip())
    except ValueError:
        report.error(_("the session %(value)r is not a number.") % {"value": session}, name, [line])
        return None
    return SourceRow(
        file=name,
        line=line,
        text=text.strip(),
        state_names=[state.strip()],
        response=response.strip(),
        action=action.strip(),
        issue_names=_split(issues),
        sur_name=sur.strip(),
        session=session_number,
        sur_group=sur_group.strip(),
        sur_orgs=sur_orgs.strip(),
        state_group=state_group.strip(),
        state_orgs=state_orgs.strip(),
    )
