"""Full-text search over recommendation texts, on SQLite and on PostgreSQL.

The vendor split lives here and nowhere else; callers use ``upr.selectors.search_recommendations``.

* **SQLite**: an FTS5 virtual table ``upr_recommendation_fts`` (external content: it indexes
  ``upr_recommendation.text`` and stores no copy), English Porter stemming, kept in sync by three
  triggers, ranked with ``bm25``. Created by migration ``0003_recommendation_search`` and re-checked after
  every ``migrate`` (``ensure_search_index``), because SQLite rebuilds a table (and drops its triggers)
  when a later migration alters it.
* **PostgreSQL**: a stored generated ``tsvector`` column ``search_document`` (``english`` configuration)
  with a GIN index, ranked with ``ts_rank_cd``. The column is not a model field: Django never writes it.

Both accept the same query syntax (the one of PostgreSQL's ``websearch_to_tsquery``): words are all
required, ``"a phrase"`` in double quotes, ``OR`` between alternatives, ``-word`` to exclude a word.
"""

import importlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import FloatField, Value
from django.db.models.expressions import RawSQL

FTS_TABLE = "upr_recommendation_fts"
PG_COLUMN = "search_document"
PG_CONFIG = "english"
MAX_QUERY_LENGTH = 200


def _migration_sql():
    """The SQL of the migration that created the index (one source of truth for both)."""
    return importlib.import_module("upr.migrations.0003_recommendation_search")


# --- Schema -------------------------------------------------------------------------------------------


def ensure_search_index(using="default"):
    """Recreate missing SQLite triggers (and rebuild the index) after a table rebuild by a migration.

    Returns True when something had to be repaired. Does nothing on other vendors or before the
    search migration has run.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return False
    names = [FTS_TABLE, f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au", "upr_recommendation"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s, %s)", names)
        present = {name for (name,) in cursor.fetchall()}
        if FTS_TABLE not in present or "upr_recommendation" not in present or len(present) == len(names):
            return False
        for statement in _migration_sql().SQLITE_FORWARD:
            cursor.execute(statement)
    return True


@contextmanager
def deferred_search_index(using=DEFAULT_DB_ALIAS):
    """Bulk writes: index once at the end instead of row by row.

    On SQLite, FTS5 triggers cost about 0.1 ms a row (4.4 s for the 40,000 UPR Info rows on the
    benchmark machine) where one ``rebuild`` of the whole table takes 0.7 s. Inside this block the
    triggers are dropped; at its end the index is rebuilt and the triggers re-created. All of it runs in
    one transaction (SQLite DDL is transactional), so if the block fails the triggers come back with the
    rollback, and no other connection can write meanwhile. On PostgreSQL the generated column is
    computed by each insert and nothing is deferred. On both, the block is one transaction::

        with deferred_search_index():
            Recommendation.objects.bulk_create(...)
    """
    connection = connections[using]
    if connection.vendor != "sqlite" or FTS_TABLE not in connection.introspection.table_names():
        with transaction.atomic(using=using):
            yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
        yield
        with connection.cursor() as cursor:
            for statement in _migration_sql().SQLITE_FORWARD:
                cursor.execute(statement)


# --- Query parsing ------------------------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class ParsedQuery:
    """A user's query: groups of required terms (OR between groups) and excluded terms.

    Each term is a tuple of words (a phrase when it has several).
    """

    groups: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not any(self.groups)

    def highlight_words(self):
        """Words to mark in results (the required and optional ones, never the excluded ones)."""
        words = {word for group in self.groups for term in group for word in term}
        return sorted(words, key=lambda word: (-len(word), word))


def parse_query(query):
    """Parse ``query`` with the websearch syntax: words, "phrases", OR, -excluded."""
    parsed = ParsedQuery(groups=[[]])
    for match in _TOKEN.finditer((query or "")[:MAX_QUERY_LENGTH]):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            if parsed.groups[-1]:
                parsed.groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = tuple(word.casefold() for word in _WORD.findall(phrase if bare is None else bare))
        if not words:
            continue
        (parsed.excluded if negated else parsed.groups[-1]).append(words)
    parsed.groups = [group for group in parsed.groups if group]
    return parsed


def _fts5_string(words):
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def fts5_expression(parsed):
    """The FTS5 MATCH expression for a parsed query (every term quoted: no user syntax reaches FTS5)."""
    alternatives = ["(" + " AND ".join(map(_fts5_string, group)) + ")" for group in parsed.groups]
    expression = " OR ".join(alternatives)
    if parsed.excluded:
        expression = f"({expression}) NOT ({' OR '.join(_fts5_string(term) for term in parsed.excluded)})"
    return expression


# --- Querying -----------------------------------------------------------------------------------------


def apply_full_text(queryset, query):
    """Restrict ``queryset`` (of Recommendation) to matches of ``query``, annotated with ``search_rank``.

    Higher ``search_rank`` is better. Results are ordered best first (ties: newest session first).
    An empty query returns the queryset unchanged, with ``search_rank`` = 0.
    """
    parsed = parse_query(query)
    if parsed.is_empty:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        queryset = _postgres_search(queryset, query)
    elif vendor == "sqlite":
        queryset = _sqlite_search(queryset, parsed)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise ImproperlyConfigured(f"Full-text search supports SQLite and PostgreSQL, not {vendor}.")
    return queryset.order_by("-search_rank", "-review__session__number", "id")


def _postgres_search(queryset, query):
    # The generated column is not a model field (Django must never write it).
    document = RawSQL('"upr_recommendation"."search_document"', [], output_field=SearchVectorField())  # noqa: S611
    search_query = SearchQuery(query[:MAX_QUERY_LENGTH], config=PG_CONFIG, search_type="websearch")
    matching = queryset.alias(search_document=document).filter(search_document=search_query)
    # Cover density (ts_rank_cd) rewards repeated and close terms; normalisation 1 divides by
    # 1 + log(length): together close to bm25's ordering on SQLite.
    rank = SearchRank(document, search_query, normalization=1, cover_density=True)
    return matching.annotate(search_rank=rank)


def _sqlite_search(queryset, parsed):
    # FTS5 can only rank (bm25, exposed as its hidden ``rank`` column, lower is better) inside a join
    # driven by its MATCH, which the ORM cannot express without a model for the virtual table.
    return queryset.extra(  # noqa: S610 - constant SQL; the user's query is a bound parameter
        tables=[FTS_TABLE],
        # "+ 0" keeps SQLite from probing the FTS table by rowid once per recommendation (a full MATCH
        # each time) when another filter has an index: the MATCH must drive the join.
        where=[f"upr_recommendation.id = {FTS_TABLE}.rowid + 0", f"{FTS_TABLE} MATCH %s"],
        params=[fts5_expression(parsed)],
        select={"search_rank": f"-{FTS_TABLE}.rank"},
    )


# --- Highlighting -------------------------------------------------------------------------------------


def _stem_prefix(word):
    """A prefix that finds a word's inflections (``torture`` → ``tortur``: tortured, tortures)."""
    if len(word) <= 4:
        return word
    return word[: max(4, len(word) - 2)]


def highlight(text, words):
    """``text`` HTML-escaped, with the words of ``words`` (and their inflections) in ``<mark>``.

    The text is split on the matches and every piece is escaped on its own, so no user text is ever
    marked safe unescaped.
    """
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    text = text or ""
    prefixes = sorted({_stem_prefix(word) for word in words if word}, key=len, reverse=True)
    if not prefixes:
        return escape(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*", re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
