"""What an import found and did: problems with file and lines, encodings, counts. Plain text out."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"

MAX_LINES_SHOWN = 20


def format_lines(lines):
    """``1-5.csv:12, 14, 90`` style list, shortened after ``MAX_LINES_SHOWN``."""
    lines = sorted(set(lines))
    shown = ", ".join(str(line) for line in lines[:MAX_LINES_SHOWN])
    if len(lines) > MAX_LINES_SHOWN:
        more = len(lines) - MAX_LINES_SHOWN
        shown += " " + ngettext("(and %(n)d more)", "(and %(n)d more)", more) % {"n": more}
    return shown


def _response_label(value):
    from upr.models import Recommendation  # noqa: PLC0415 - report stays importable without apps

    try:
        return str(Recommendation.Response(value).label)
    except ValueError:
        return _("no response")


@dataclass
class Problem:
    level: str
    message: str
    file: str = ""
    lines: list = field(default_factory=list)

    def __str__(self):
        where = self.file
        if self.lines:
            label = ngettext("line", "lines", len(set(self.lines)))
            where = (
                f"{self.file}, {label} {format_lines(self.lines)}" if self.file else format_lines(self.lines)
            )
        return f"{where}: {self.message}" if where else self.message


@dataclass
class ImportReport:
    """Collected by readers and the loader; rendered by the command, the admin and the job page."""

    problems: list = field(default_factory=list)
    files: dict = field(default_factory=dict)  # name → {"format", "encoding", "rows"}
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    matched: int = 0  # UPR Info recommendations matched to OHCHR matrix paragraphs
    absorbed: int = 0  # of which already in the database, merged into their paragraph
    deleted: int = 0  # database rows absorbed into another (their paragraph took over one row)
    dry_run: bool = False
    by_response: Counter = field(default_factory=Counter)
    by_action: Counter = field(default_factory=Counter)

    def add(self, level, message, file="", lines=()):
        self.problems.append(Problem(level, str(message), file, list(lines)))

    def error(self, message, file="", lines=()):
        self.add(ERROR, message, file, lines)

    def warning(self, message, file="", lines=()):
        self.add(WARNING, message, file, lines)

    def notice(self, message, file="", lines=()):
        self.add(NOTICE, message, file, lines)

    @property
    def errors(self):
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self):
        return [p for p in self.problems if p.level == WARNING]

    @property
    def notices(self):
        return [p for p in self.problems if p.level == NOTICE]

    @property
    def ok(self):
        return not self.errors

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    def file_lines(self):
        for name, info in self.files.items():
            values = {"file": name, "format": info.get("format", "?"), "rows": info.get("rows", 0)}
            if info.get("encoding"):
                yield _("%(file)s: %(format)s, encoding %(encoding)s, %(rows)d rows") % {
                    **values,
                    "encoding": info["encoding"],
                }
            else:
                yield _("%(file)s: %(format)s, %(rows)d rows") % values

    def count_lines(self):
        if self.dry_run:
            yield _("Dry run: nothing was written.")
        elif self.errors:
            yield _("Nothing was written because of the errors above.")
        yield _("Recommendations: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.matched:
            yield _(
                "Matched to OHCHR matrix paragraphs: %(matched)d UPR Info recommendations "
                "(%(absorbed)d of them already in the database, merged into their paragraph; "
                "%(deleted)d rows deleted as duplicates)."
            ) % {"matched": self.matched, "absorbed": self.absorbed, "deleted": self.deleted}
        if self.by_response:
            parts = ", ".join(
                f"{_response_label(value)}: {n}" for value, n in sorted(self.by_response.items())
            )
            yield _("By response: %(counts)s.") % {"counts": parts}
        if self.by_action:
            parts = ", ".join(
                f"{value}: {n}" for value, n in sorted(self.by_action.items(), key=lambda i: str(i[0]))
            )
            yield _("By action category: %(counts)s.") % {"counts": parts}

    def render(self):
        """The whole report as plain text (never HTML: templates escape it)."""
        out = list(self.file_lines())
        for title, problems in (
            (_("Errors"), self.errors),
            (_("Warnings"), self.warnings),
            (_("Notes"), self.notices),
        ):
            if problems:
                out.append(f"{title} ({len(problems)}):")
                out.extend(f"  - {p}" for p in problems)
        out.extend(self.count_lines())
        return "\n".join(out)
