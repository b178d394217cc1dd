"""State names as real data writes them, and how they resolve to one State.

``normalise_name`` turns a name into a look-up key. The rules, applied in this order, are
deterministic and language-neutral:

1. Unicode NFKC; curly and modifier apostrophes (’ ‘ ʼ ´ `) become ``'``.
2. Surrounding parentheses around the whole name are removed: ``(Türkiye)`` → ``Türkiye``.
3. A trailing UNTERM sorting-article marker is removed: ``Bahamas (the)``, ``Niger (le)``,
   ``Afganistán (el)``, ``Côte d'Ivoire (la)`` → without it.
4. Case folding, then accents are stripped (NFKD, combining marks dropped): ``Türkiye`` →
   ``turkiye``, ``Côte`` → ``cote``.
5. ``&`` becomes ``and``; apostrophes are deleted (``d'Ivoire`` → ``divoire``); every other
   character that is not a letter or a digit (in any script) becomes a space (hyphens, dots, commas,
   parentheses, underscores).
6. The words ``st`` and ``saint`` are unified to ``saint``; a leading ``the`` is dropped.
7. Whitespace is collapsed.

A name that does not resolve as written is tried once more in natural order, as sorted lists (ISO 3166,
some OHCHR and UN lists) invert it: ``Congo, Democratic Republic of the`` and ``Congo (Democratic Republic
of the)`` → ``Democratic Republic of the Congo``; ``Gambia, The`` → ``The Gambia``.

``StateNameResolver`` loads every alias, ISO3 code and official name (EN/FR/ES) once and
resolves names from memory; an unknown name raises ``UnknownStateName``. It never creates a State.
"""

import re
import unicodedata

from django.db.models import F
from django.utils.translation import gettext

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'"})
_ARTICLE_MARKER = re.compile(r"\s*\((?:the|le|la|les|l'|el|los|las)\)\s*$", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[\W_]+")  # anything but a letter or a digit, in any script
# "Name, qualifier" or "Name (qualifier)": one qualifier, no other comma or parenthesis.
_INVERTED = re.compile(r"^(?P<name>[^,()]+?)\s*(?:,\s*(?P<comma>[^,()]+?)|\((?P<paren>[^,()]+)\))\s*$")

# UPR Info's regional-group labels (``To-Rgrp``/``From-Rgrp``) → RegionalGroup.code.
UPR_INFO_REGIONAL_GROUPS = {
    "Africa": "african",
    "Asia": "asia-pacific",
    "EEG": "eastern-european",
    "GRULAC": "grulac",
    "WEOG": "weog",
}


def _strip_surrounding_parentheses(text):
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                return text  # the first "(" closes before the end: "(a) (b)" is not wrapped
        text = text[1:-1].strip()
    return text


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalise_name(name):
    """Return the look-up key of a State name (see the module docstring for the rules)."""
    text = unicodedata.normalize("NFKC", str(name)).translate(_APOSTROPHES).strip()
    text = _strip_surrounding_parentheses(text)
    text = _ARTICLE_MARKER.sub("", text)
    text = _strip_accents(text.casefold())
    text = text.replace("&", " and ").replace("'", "")
    words = _NOT_ALNUM.sub(" ", text).split()
    words = ["saint" if word == "st" else word for word in words]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def natural_order(name):
    """``Congo, Democratic Republic of the`` → ``Democratic Republic of the Congo``; else None."""
    match = _INVERTED.match(unicodedata.normalize("NFKC", str(name)).strip())
    if match is None:
        return None
    return f"{match['comma'] or match['paren']} {match['name']}".strip()


class UnknownStateName(LookupError):
    """A name that no State, ISO3 code or alias matches."""

    def __init__(self, name):
        self.name = name
        super().__init__(gettext("Unknown State name: “%(name)s”.") % {"name": name})


class StateNameResolver:
    """Resolve many State names to ``State`` objects with one query.

    >>> resolver = StateNameResolver()
    >>> resolver.resolve("DPR Korea").iso3
    'PRK'
    """

    def __init__(self):
        from upr.models import State  # noqa: PLC0415 - keeps this module importable without apps

        # One query: a LEFT JOIN gives one row per (State, alias), or one row for a State without alias.
        rows = State.objects.select_related("regional_group").annotate(alias_key=F("aliases__key"))
        self._by_iso3 = {}
        official = {}
        aliases = {}
        for row in rows:
            state = self._by_iso3.get(row.iso3)
            if state is None:
                state = self._by_iso3[row.iso3] = row
                for name in (state.iso3, state.name_en, state.name_fr, state.name_es):
                    official.setdefault(normalise_name(name), state)
            if row.alias_key:
                aliases[row.alias_key] = state
        # An alias entered by staff wins over an official name of another State with the same key.
        self._by_key = {**official, **aliases}
        self._by_name = {}  # memo of names as written: 80,000 look-ups hit a few hundred names
        self._squashed = None  # keys without spaces, built on the first miss (``Sierra Le one``)

    def __len__(self):
        return len(self._by_key)

    def get(self, name, default=None):
        """The State for ``name``, or ``default`` when no State matches."""
        try:
            state = self._by_name[name]
        except KeyError:
            state = self._lookup(normalise_name(name))
            reordered = natural_order(name) if state is None else None
            if reordered:
                state = self._lookup(normalise_name(reordered))
            self._by_name[name] = state
        return default if state is None else state

    def _lookup(self, key):
        """Exact key first; then the same key without spaces, for names split by a stray space."""
        state = self._by_key.get(key)
        if state is None and key:
            if self._squashed is None:
                self._squashed = {k.replace(" ", ""): st for k, st in self._by_key.items()}
            state = self._squashed.get(key.replace(" ", ""))
        return state

    def resolve(self, name):
        """The State for ``name``; raises ``UnknownStateName`` when no State matches."""
        state = self.get(name)
        if state is None:
            raise UnknownStateName(name)
        return state

    def by_iso3(self, iso3):
        """The State with this ISO3 code; raises ``UnknownStateName`` when there is none."""
        try:
            return self._by_iso3[iso3.upper()]
        except KeyError:
            raise UnknownStateName(iso3) from None
