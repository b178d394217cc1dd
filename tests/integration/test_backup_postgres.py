"""Backup of the PostgreSQL database (pg_dump) restored into a new, empty database (pg_restore)."""

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql.base import DatabaseWrapper
from psycopg import sql

from core.backup import BackupError, create_backup, restore_backup
from tests.core.backup_checks import seed_rows_and_files, table_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _server(settings_dict):
    return psycopg.connect(
        host=settings_dict.get("HOST") or "127.0.0.1",
        port=settings_dict.get("PORT") or 5432,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def empty_postgres():
    """A connection to a new, empty database on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with _server(connection.settings_dict) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    target = DatabaseWrapper({**connection.settings_dict, "NAME": name}, "restored")
    yield target
    target.close()
    with _server(connection.settings_dict) as server:
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_backup_then_restore_into_empty_postgres_finds_the_same_rows_and_files(
    settings, tmp_path, empty_postgres
):
    uploads, rows = seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)
    restored_media = tmp_path / "restored-media"

    manifest = restore_backup(archive, connection=empty_postgres, media_root=restored_media)

    assert manifest["vendor"] == "postgresql"
    assert table_rows(empty_postgres) == rows
    assert len(rows["core_user"]) == 3
    assert {name: (restored_media / name).read_bytes() for name in uploads} == uploads


def test_restore_into_postgres_refuses_a_database_with_tables(settings, tmp_path):
    seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)

    with pytest.raises(BackupError, match="not empty"):
        restore_backup(archive, connection=connection, media_root=tmp_path / "new-media")
