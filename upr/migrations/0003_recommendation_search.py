"""Full-text index of recommendation texts: FTS5 on SQLite, a generated tsvector + GIN on PostgreSQL.

Raw SQL, because neither structure is a model field. Kept literal here (not imported from
``upr.search``) so that this migration never changes behaviour; ``upr.search.ensure_search_index``
re-creates the SQLite triggers if a later migration rebuilds the table.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS upr_recommendation_fts USING fts5("
    "text, content='upr_recommendation', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS upr_recommendation_fts_ai AFTER INSERT ON upr_recommendation BEGIN "
    "INSERT INTO upr_recommendation_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS upr_recommendation_fts_ad AFTER DELETE ON upr_recommendation BEGIN "
    "INSERT INTO upr_recommendation_fts(upr_recommendation_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS upr_recommendation_fts_au AFTER UPDATE OF text ON upr_recommendation BEGIN "
    "INSERT INTO upr_recommendation_fts(upr_recommendation_fts, rowid, text) "
    "VALUES ('delete', old.id, old.text); "
    "INSERT INTO upr_recommendation_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO upr_recommendation_fts(upr_recommendation_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS upr_recommendation_fts_ai",
    "DROP TRIGGER IF EXISTS upr_recommendation_fts_ad",
    "DROP TRIGGER IF EXISTS upr_recommendation_fts_au",
    "DROP TABLE IF EXISTS upr_recommendation_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE upr_recommendation ADD COLUMN IF NOT EXISTS search_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS upr_rec_search_document_gin ON upr_recommendation USING gin (search_document)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS upr_rec_search_document_gin",
    "ALTER TABLE upr_recommendation DROP COLUMN IF EXISTS search_document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("upr", "0002_recommendation")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
            elidable=False,
        ),
    ]
