"""Compare a database and its restored copy, table by table (used by the SQLite and PostgreSQL tests)."""

from django.db import connection as default_connection


def table_rows(connection):
    """``{table: sorted rows}`` of every table of ``connection`` (values as strings, to compare across
    drivers)."""
    quote = connection.ops.quote_name
    out = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from introspection
            out[table] = sorted(tuple(str(value) for value in row) for row in cursor.fetchall())
    return out


def seed_rows_and_files(media_root):
    """A few rows in several tables (users, their history, a State, an organisation) and two uploads."""
    from tests.factories.core import UserFactory
    from tests.factories.speakers import OrganisationFactory

    UserFactory.create_batch(3)
    OrganisationFactory(name="Défenseurs « unis »")
    uploads = {
        "applications/2026/ab12/submission.pdf": b"%PDF-1.4 fictional submission\n" * 50,
        "statements/x9/statement.docx": bytes(range(256)) * 8,
    }
    for name, content in uploads.items():
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return uploads, table_rows(default_connection)
