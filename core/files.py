"""Stored files: delete replaced ones after commit, find orphans, and the per-user upload quota.

Shared by every app that stores files (applications, answers, statements, brief PDFs, import files).

- **Replacing or clearing** a file: services call ``replace_file(instance, "field", value)``; the old
  file is deleted from storage only once the transaction commits (``transaction.on_commit``), so a
  rolled-back change keeps its file, and only when no row still names it.
- **Deleting a row** (the admin, a cascade): each app connects ``delete_files_of_deleted_row`` to
  ``post_delete`` of its models with files, in its ``signals.py`` (called from ``ready()``); the same
  after-commit, still-referenced check applies.
- **Orphans** (a crash between storing and committing, a rolled-back upload, files from before this
  module): ``manage.py purge_orphan_uploads`` walks ``UPLOAD_FOLDERS`` and removes files that no
  ``FileField`` row names (``referenced_names``).
- **Quota**: apps register the fields that count towards a user's stored total with
  ``count_towards_quota`` (the owner and a stored size column); services call ``ensure_within_quota``
  before storing an upload.

History tables (django-simple-history) keep old file names as text: they are a record of what was
there, not a reference, so a file named only by history is deleted like any other.
"""

import logging
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import models, transaction
from django.db.models import Sum
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import DomainError

logger = logging.getLogger(__name__)

# Every ``upload_to`` of the project stores under one of these folders of MEDIA_ROOT (a test checks it);
# the purge command looks nowhere else.
UPLOAD_FOLDERS = ("applications", "statements", "briefs", "imports")


# --- references -------------------------------------------------------------------------------------


def file_fields():
    """``(model, field)`` for every FileField of every concrete model (history tables store text)."""
    return [
        (model, field)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def referenced_names(using="default"):
    """The set of every stored name some row references: one query per FileField, streamed."""
    names = set()
    for model, field in file_fields():
        rows = (
            model._default_manager.using(using)
            .exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
        )
        names.update(rows.values_list(field.attname, flat=True).iterator(chunk_size=2000))
    return names


def is_referenced(name, using="default"):
    return any(
        model._default_manager.using(using).filter(**{field.attname: name}).exists()
        for model, field in file_fields()
    )


# --- deletion after commit --------------------------------------------------------------------------


def _delete_if_unreferenced(storage, name, using):
    if is_referenced(name, using):
        return
    try:
        storage.delete(name)
    except OSError:
        # Left for ``purge_orphan_uploads``; never fail the request that already committed.
        logger.exception("Could not delete the replaced file %s", name)


def delete_on_commit(storage, name, using="default"):
    """Delete ``name`` from ``storage`` once the current transaction commits, if no row names it then.

    Nothing happens when the transaction rolls back. Outside a transaction it runs at once.
    """
    if name:
        transaction.on_commit(lambda: _delete_if_unreferenced(storage, name, using), using=using, robust=True)


def is_new_upload(value):
    """True for a file still to store (an upload, a ``ContentFile``), not for a stored ``FieldFile``."""
    return isinstance(value, File) and not isinstance(value, FieldFile)


def replace_file(instance, field_name, value, *, size_field=None, using="default"):
    """Set a FileField from a form value and schedule the old file's deletion after commit.

    ``value``: a new upload (stored when the instance is saved); ``False`` or ``""`` to clear;
    anything else (``None``, the stored file) keeps it. ``size_field``: the column keeping the file's size
    in bytes (the quota reads it). Returns True when the field changed; the caller saves the instance.
    """
    old_name = getattr(instance, field_name).name or ""
    if is_new_upload(value):
        setattr(instance, field_name, value)
        size = value.size
    elif (value is False or value == "") and old_name:
        setattr(instance, field_name, "")
        size = 0
    else:
        return False
    if size_field:
        setattr(instance, size_field, size)
    field = instance._meta.get_field(field_name)
    delete_on_commit(field.storage, old_name, using)
    return True


def delete_files_of_deleted_row(sender, instance, using="default", **kwargs):
    """``post_delete`` receiver: the deleted row's files go after commit (unless named elsewhere)."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.FileField):
            delete_on_commit(field.storage, getattr(instance, field.attname).name or "", using)


# --- orphans ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    name: str  # relative to MEDIA_ROOT, with "/" as FileFields store it
    path: Path
    size: int


def files_on_disk(root, *, modified_before):
    """Regular files under ``root``'s ``UPLOAD_FOLDERS`` modified before ``modified_before`` (epoch s)."""
    root = Path(root)
    for folder in UPLOAD_FOLDERS:
        for directory, _dirs, names in os.walk(root / folder):
            for filename in names:
                path = Path(directory, filename)
                try:
                    status = path.lstat()
                except FileNotFoundError:  # deleted meanwhile
                    continue
                if stat.S_ISREG(status.st_mode) and status.st_mtime < modified_before:  # no symlinks
                    yield StoredFile(path.relative_to(root).as_posix(), path, status.st_size)


def find_orphans(root, *, modified_before, using="default"):
    """Files under the upload folders that no FileField row names, older than ``modified_before``.

    Files are listed before the references are read, so a file stored and committed meanwhile is never
    taken for an orphan (and is younger than the cut-off anyway).
    """
    candidates = list(files_on_disk(root, modified_before=modified_before))
    referenced = referenced_names(using)
    return [stored for stored in candidates if stored.name not in referenced]


@dataclass(frozen=True)
class Purge:
    orphans: list
    removed: list
    failed: list  # (StoredFile, error)


def purge_orphans(root, *, older_than_hours, delete):
    """Find the orphans older than ``older_than_hours`` and, with ``delete``, remove them (the command
    ``purge_orphan_uploads`` and the daily beat task ``core.purge_orphan_uploads``)."""
    orphans = find_orphans(root, modified_before=time.time() - older_than_hours * 3600)
    removed, failed = [], []
    if delete:
        for orphan in orphans:
            try:
                orphan.path.unlink(missing_ok=True)
            except OSError as error:
                failed.append((orphan, error))
            else:
                removed.append(orphan)
    return Purge(orphans, removed, failed)


# --- quota ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaField:
    model: type
    field: str
    size_field: str
    owner: str  # lookup from the model to the user, e.g. "application__created_by"


_QUOTA_FIELDS = []


def count_towards_quota(model, field, *, size_field, owner):
    """Register a file field whose files count towards their owner's quota (from ``AppConfig.ready``)."""
    entry = QuotaField(model, field, size_field, owner)
    if entry not in _QUOTA_FIELDS:
        _QUOTA_FIELDS.append(entry)


def stored_bytes(user):
    """What ``user``'s rows hold in storage, in bytes (one aggregate query per registered field)."""
    total = 0
    for entry in _QUOTA_FIELDS:
        rows = entry.model._default_manager.filter(**{entry.owner: user}).exclude(**{entry.field: ""})
        total += rows.aggregate(total=Sum(entry.size_field))["total"] or 0
    return total


class UploadQuotaExceeded(DomainError):  # noqa: N818 (the domain's word)
    """Storing the upload would take its owner over ``UPLOAD_QUOTA_BYTES_PER_USER``."""


def ensure_within_quota(user, *, incoming, released=0):
    """Refuse (``UploadQuotaExceeded``) uploads of ``incoming`` bytes that would take ``user`` over the quota.

    ``released``: bytes of ``user``'s files that the same change replaces or clears. Call it inside the
    transaction that stores the upload: it locks the user's row so that two uploads at once are counted
    one after the other. A quota of 0 turns the check off; clearing a file is never refused.
    """
    limit = settings.UPLOAD_QUOTA_BYTES_PER_USER
    if not incoming or not limit or user is None:
        return
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    total = stored_bytes(user) - released + incoming
    if total > limit:
        raise UploadQuotaExceeded(
            _(
                "This file cannot be stored: your files would take %(total)s, over the limit of "
                "%(limit)s per person. Remove or replace a file you no longer need, or ask the "
                "secretariat."
            )
            % {"total": filesizeformat(total), "limit": filesizeformat(limit)},
            code="upload_quota",
        )
