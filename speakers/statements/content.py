"""A statement as data and as plain text: versions, the word counter and the diff are built on it."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

WORDS_PER_MINUTE = 130
SLOT_MINUTES = 5
WORD_LIMIT = WORDS_PER_MINUTE * SLOT_MINUTES
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def count_words(text):
    return len(_WORD.findall(str(text or "")))


def statement_content(statement):
    """The statement's parts as plain data (sections and recommendations must be prefetched)."""
    return {
        "introduction": statement.introduction,
        "consultations": statement.consultations,
        "sections": [
            {
                "issue": section.issue.name,
                "followed_up": [f"{rec.paragraph} {rec.text}".strip() for rec in section.followed_up.all()],
                "follow_up": section.follow_up,
                "situation": section.situation,
                "recommendations": [
                    {
                        "text": rec.text,
                        "issues": [issue.name for issue in rec.issues.all()],
                        "states": [state.name for state in rec.states.all()],
                    }
                    for rec in section.recommendations.all()
                ],
                "questions": section.questions,
            }
            for section in statement.sections.all()
        ],
    }


def spoken_text(content):
    """What the speaker says: the parts the word counter counts (not the picked references)."""
    parts = [content["introduction"], content["consultations"]]
    for section in content["sections"]:
        parts += [section["follow_up"], section["situation"], section["questions"]]
        parts += [rec["text"] for rec in section["recommendations"]]
    return "\n".join(part for part in parts if part)


def content_text(content):
    """The whole statement as plain text with headings, one paragraph per line (for versions and diffs)."""
    lines = [f"# {_('Introduction')}", *_paragraphs(content["introduction"])]
    lines += [f"# {_('National consultations')}", *_paragraphs(content["consultations"])]
    for section in content["sections"]:
        lines.append(f"# {section['issue']}")
        lines += [f"- {_('Follows up')}: {text}" for text in section["followed_up"]]
        lines += _paragraphs(section["follow_up"]) + _paragraphs(section["situation"])
        for number, rec in enumerate(section["recommendations"], start=1):
            states = ", ".join(rec["states"])
            lines.append(
                f"{_('Recommendation')} {number}: {rec['text']}" + (f" ({states})" if states else "")
            )
        lines += [f"? {line}" for line in _paragraphs(section["questions"])]
    return "\n".join(lines)


def _paragraphs(text):
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def changes(old_text, new_text):
    """Line-by-line differences from ``old_text`` to ``new_text`` (unchanged lines kept for context)."""
    result = []
    for line in difflib.ndiff(old_text.splitlines(), new_text.splitlines()):
        code, text = line[:2], line[2:]
        if code == "+ ":
            result.append(DiffLine("added", text))
        elif code == "- ":
            result.append(DiffLine("removed", text))
        elif code == "  ":
            result.append(DiffLine("same", text))
    return result
