"""Backups: the database and the uploaded files in one archive, and the way back into an empty set-up.

``create_backup`` writes a ``.tar.gz`` holding:
- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or
  ``database.pgdump`` (``pg_dump --format=custom``: one snapshot transaction, restorable with
  ``pg_restore`` into an empty database, owners and privileges left out);
- ``media/``: every file under ``MEDIA_ROOT`` (uploaded applications, statements, rendered PDFs);
- ``manifest.json``: format version, database vendor, time, Django migrations applied, and the size and
  SHA-256 of every file, checked on restore.

``restore_backup`` refuses a target database that already has tables and a ``MEDIA_ROOT`` that already
has files: a restore never merges into live data (empty them first, or restore on a new server).
Symbolic links and paths leaving ``media/`` are refused when reading an archive.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed. For operators: English only."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(media_root):
    root = Path(media_root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _pg_env(settings_dict):
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    return env


def _run(command, settings_dict):
    try:
        subprocess.run(command, env=_pg_env(settings_dict), check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        ) from None
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()}") from None


def _dump_database(connection, folder):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_FILE)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return SQLITE_FILE
    if connection.vendor == "postgresql":
        target = str(folder / POSTGRES_FILE)
        name = connection.settings_dict["NAME"]
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", target, name],
            connection.settings_dict,
        )
        return POSTGRES_FILE
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def create_backup(archive, *, connection, media_root, now=None):
    """Write ``archive`` (a ``.tar.gz`` path) from the database behind ``connection`` and ``media_root``.

    Returns the manifest (a dict).
    """
    archive = Path(archive)
    with tempfile.TemporaryDirectory(dir=archive.parent) as temporary:
        folder = Path(temporary)
        database_file = _dump_database(connection, folder)
        media = [(path, path.relative_to(media_root).as_posix()) for path in _media_files(media_root)]
        manifest = {
            "format": FORMAT,
            "created": (now or dt.datetime.now(dt.UTC)).isoformat(),
            "vendor": connection.vendor,
            "database": {"file": database_file, "sha256": _sha256(folder / database_file)},
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "media": {name: {"size": path.stat().st_size, "sha256": _sha256(path)} for path, name in media},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(folder / MANIFEST, arcname=MANIFEST)
            tar.add(folder / database_file, arcname=database_file)
            for path, name in media:
                tar.add(path, arcname=f"{MEDIA}/{name}")
        partial.replace(archive)  # never a half-written archive under the final name
    return manifest


def _safe_members(tar):
    for member in tar.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"The archive holds an unsafe entry: {member.name}")
        if member.isfile() and member.name not in (MANIFEST, SQLITE_FILE, POSTGRES_FILE):
            if path.parts[0] != MEDIA:
                raise BackupError(f"The archive holds an unexpected file: {member.name}")
        yield member


def _check_files(folder, manifest):
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected.update({f"{MEDIA}/{name}": info["sha256"] for name, info in manifest["media"].items()})
    for name, digest in expected.items():
        path = folder / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"The archive is damaged: {name} is missing or differs from its checksum.")


def _tables(connection):
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_database(folder, manifest, connection):
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"The backup is of a {manifest['vendor']} database; the target is {connection.vendor}."
        )
    if _tables(connection):
        raise BackupError("The target database is not empty: restore only into an empty database.")
    source = folder / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
        return
    _run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--dbname", connection.settings_dict["NAME"], str(source)],
        connection.settings_dict,
    )  # fmt: skip


def restore_backup(archive, *, connection, media_root):
    """Restore ``archive`` into the empty database behind ``connection`` and the empty ``media_root``."""
    media_root = Path(media_root)
    if _media_files(media_root):
        raise BackupError(f"{media_root} already holds files: restore only into an empty media folder.")
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(folder, members=list(_safe_members(tar)), filter="data")
            manifest = json.loads((folder / MANIFEST).read_text())
        except (OSError, tarfile.TarError, json.JSONDecodeError, KeyError) as exc:
            raise BackupError(f"{archive} is not a backup of this application ({exc}).") from None
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        _check_files(folder, manifest)
        _restore_database(folder, manifest, connection)
        for name in manifest["media"]:
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(folder / MEDIA / name, target)
    return manifest
