"""Backup and restore (SQLite here; PostgreSQL in tests/integration/test_backup_postgres.py)."""

import io
import json
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

from core.backup import BackupError, create_backup, restore_backup
from tests.core.backup_checks import seed_rows_and_files, table_rows

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def empty_sqlite(tmp_path):
    """A connection to a new, empty SQLite file."""
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
    target = DatabaseWrapper(settings_dict, "restored")
    yield target
    target.close()


def test_backup_then_restore_into_empty_sqlite_finds_the_same_rows_and_files(
    settings, tmp_path, empty_sqlite
):
    uploads, rows = seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)
    restored_media = tmp_path / "restored-media"

    manifest = restore_backup(archive, connection=empty_sqlite, media_root=restored_media)

    assert table_rows(empty_sqlite) == rows
    assert len(rows["core_user"]) == 3
    assert {name: (restored_media / name).read_bytes() for name in uploads} == uploads
    assert sorted(manifest["media"]) == sorted(uploads)
    assert "core.0001_initial" in manifest["migrations"]


def test_restore_refuses_a_database_that_is_not_empty(settings, tmp_path):
    seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)

    with pytest.raises(BackupError, match="not empty: restore only into an empty database"):
        restore_backup(archive, connection=connection, media_root=tmp_path / "new-media")

    assert not (tmp_path / "new-media").exists()


def test_restore_refuses_a_media_folder_with_files(settings, tmp_path, empty_sqlite):
    seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)

    with pytest.raises(BackupError, match="already holds files"):
        restore_backup(archive, connection=empty_sqlite, media_root=settings.MEDIA_ROOT)

    assert table_rows(empty_sqlite) == {}


def test_restore_refuses_a_damaged_archive(settings, tmp_path, empty_sqlite):
    uploads, _rows = seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive, connection=connection, media_root=settings.MEDIA_ROOT)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.endswith("submission.pdf"):
                data = data.replace(b"fictional", b"forged!!!")
            target.addfile(member, fileobj=io.BytesIO(data))

    with pytest.raises(BackupError, match="damaged: media/applications/2026/ab12/submission.pdf"):
        restore_backup(damaged, connection=empty_sqlite, media_root=tmp_path / "new-media")

    assert table_rows(empty_sqlite) == {}


def test_restore_refuses_entries_outside_the_archive_folder(tmp_path, empty_sqlite):
    evil = tmp_path / "evil.tar.gz"
    payload = tmp_path / "payload"
    payload.write_text("x")
    with tarfile.open(evil, "w:gz") as tar:
        tar.add(payload, arcname="../outside.txt")

    with pytest.raises(BackupError, match="unsafe entry: ../outside.txt"):
        restore_backup(evil, connection=empty_sqlite, media_root=tmp_path / "media")

    assert not (tmp_path / "outside.txt").exists()


def test_backup_command_writes_an_archive_and_restore_command_refuses_live_data(settings, tmp_path, capsys):
    seed_rows_and_files(settings.MEDIA_ROOT)
    archive = tmp_path / "site.tar.gz"

    call_command("backup", str(archive))

    assert f"Backup written to {archive}: sqlite database, 2 uploaded files" in capsys.readouterr().out
    with tarfile.open(archive) as tar:
        names = sorted(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names == [
        "database.sqlite3",
        "manifest.json",
        "media/applications/2026/ab12/submission.pdf",
        "media/statements/x9/statement.docx",
    ]
    assert manifest["vendor"] == "sqlite"
    with pytest.raises(CommandError, match="already holds files"):
        call_command("restore", str(archive))
