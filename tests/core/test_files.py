"""core.files: after-commit deletion of replaced files, references, orphans (purge_orphan_uploads), quota."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import transaction

from core.files import (
    UPLOAD_FOLDERS,
    UploadQuotaExceeded,
    delete_on_commit,
    ensure_within_quota,
    file_fields,
    find_orphans,
    referenced_names,
    replace_file,
    stored_bytes,
)
from speakers.models import Application
from tests.factories.core import UserFactory
from tests.factories.speakers import ApplicationFactory

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


def stored(name, content=b"%PDF-1.7\n", *, age=0):
    """A file in the default storage, its modification time ``age`` seconds in the past."""
    name = default_storage.save(name, ContentFile(content))
    if age:
        then = time.time() - age
        os.utime(default_storage.path(name), (then, then))
    return name


# --- replacing and deleting after commit ------------------------------------------------------------


def test_replace_file_deletes_the_old_file_only_after_commit(django_capture_on_commit_callbacks):
    application = ApplicationFactory(submission_file=stored("applications/submissions/old.pdf"))
    old = application.submission_file.name

    with django_capture_on_commit_callbacks() as callbacks:
        changed = replace_file(
            application,
            "submission_file",
            ContentFile(b"%PDF-new", name="new.pdf"),
            size_field="submission_file_size",
        )
        application.save()
        assert default_storage.exists(old)
    for callback in callbacks:
        callback()

    assert changed is True
    assert application.submission_file_size == len(b"%PDF-new")
    assert not default_storage.exists(old)
    assert default_storage.exists(application.submission_file.name)


def test_replace_file_keeps_the_old_file_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    application = ApplicationFactory(submission_file=stored("applications/submissions/old.pdf"))
    old = application.submission_file.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            replace_file(application, "submission_file", False)
            application.save()
            raise RuntimeError("rolled back")

    assert callbacks == []
    assert default_storage.exists(old)
    assert Application.objects.get(pk=application.pk).submission_file.name == old


@pytest.mark.parametrize("value", [None, "keep"])
def test_replace_file_keeps_the_file_for_none_or_the_stored_file(value, django_capture_on_commit_callbacks):
    application = ApplicationFactory(submission_file=stored("applications/submissions/old.pdf"))
    old = application.submission_file.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        changed = replace_file(application, "submission_file", application.submission_file if value else None)

    assert (changed, callbacks, application.submission_file.name) == (False, [], old)
    assert default_storage.exists(old)


def test_a_file_another_row_still_names_is_not_deleted(django_capture_on_commit_callbacks):
    shared = stored("applications/submissions/shared.pdf")
    ApplicationFactory(submission_file=shared)
    other = ApplicationFactory(submission_file=shared)

    with django_capture_on_commit_callbacks(execute=True):
        replace_file(other, "submission_file", False)
        other.save()

    assert default_storage.exists(shared)


def test_a_file_gone_already_does_not_fail_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delete_on_commit(default_storage, "applications/submissions/never-there.pdf")

    assert not default_storage.exists("applications/submissions/never-there.pdf")


# --- references -------------------------------------------------------------------------------------


def test_every_upload_is_stored_under_one_of_the_upload_folders():
    for model, field in file_fields():
        name = field.generate_filename(None, "document.pdf")
        assert name.split("/", 1)[0] in UPLOAD_FOLDERS, (model._meta.label, field.name, name)


def test_history_tables_are_not_references():
    labels = {model._meta.label for model, _field in file_fields()}

    assert "speakers.Application" in labels
    assert not any("Historical" in label for label in labels)


@pytest.mark.parametrize("count", [1, 12])
def test_referenced_names_reads_one_query_per_file_field(count, django_assert_num_queries):
    names = {stored(f"applications/submissions/s{i}.pdf") for i in range(count)}
    for name in names:
        ApplicationFactory(submission_file=name)

    with django_assert_num_queries(len(file_fields())):
        referenced = referenced_names()

    assert referenced == names


# --- purge_orphan_uploads ---------------------------------------------------------------------------


@pytest.fixture
def uploads(settings):
    """A referenced old file, an old orphan, a young orphan and an old file outside the upload folders."""
    referenced = stored("applications/submissions/kept.pdf", age=2 * DAY)
    ApplicationFactory(submission_file=referenced)
    old_orphan = stored("statements/orphan.pdf", b"x" * 1000, age=2 * DAY)
    young_orphan = stored("applications/answers/in-flight.pdf", b"y" * 10)
    elsewhere = stored("other/notes.txt", age=2 * DAY)
    return referenced, old_orphan, young_orphan, elsewhere


def test_purge_orphan_uploads_dry_run_reports_and_deletes_nothing(uploads, capsys):
    referenced, old_orphan, young_orphan, elsewhere = uploads

    call_command("purge_orphan_uploads")

    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"orphan\t1000\t{old_orphan}",
        "1 orphan files, 1000 bytes (0.0 MB), older than 24 h: "
        "dry run, nothing deleted (--delete removes them).",
    ]
    assert all(default_storage.exists(name) for name in uploads)


def test_purge_orphan_uploads_delete_removes_only_old_orphans(uploads, capsys):
    referenced, old_orphan, young_orphan, elsewhere = uploads

    call_command("purge_orphan_uploads", "--delete")

    assert "1 orphan files, 1000 bytes (0.0 MB), older than 24 h: 1 deleted, 1000 bytes (0.0 MB)." in (
        capsys.readouterr().out
    )
    assert [default_storage.exists(name) for name in uploads] == [True, False, True, True]


def test_daily_beat_task_deletes_old_orphans_only(uploads, settings):
    from core.tasks import purge_orphan_uploads

    settings.UPLOAD_ORPHAN_AGE_HOURS = 24

    assert purge_orphan_uploads.delay().get() == 1
    assert [default_storage.exists(name) for name in uploads] == [True, False, True, True]
    assert settings.CELERY_BEAT_SCHEDULE["purge-orphan-uploads"] == {
        "task": "core.purge_orphan_uploads",
        "schedule": 86400.0,
    }


def test_purge_orphan_uploads_older_than_zero_takes_young_files_too(uploads, capsys):
    referenced, old_orphan, young_orphan, elsewhere = uploads

    call_command("purge_orphan_uploads", "--delete", "--older-than", "0")

    assert [default_storage.exists(name) for name in uploads] == [True, False, False, True]


def test_purge_orphan_uploads_counts_a_file_named_only_by_history_as_an_orphan(settings):
    old = stored("applications/submissions/replaced.pdf", age=2 * DAY)
    application = ApplicationFactory(submission_file=old)
    application.submission_file = ""
    application.save()  # the history keeps the old name; that is no reference

    assert [orphan.name for orphan in find_orphans(settings.MEDIA_ROOT, modified_before=time.time())] == [old]


def test_purge_orphan_uploads_refuses_a_negative_age():
    with pytest.raises(CommandError):
        call_command("purge_orphan_uploads", "--older-than", "-1")


# --- quota ------------------------------------------------------------------------------------------


def test_stored_bytes_adds_up_the_owner_files_only():
    user, other = UserFactory(), UserFactory()
    ApplicationFactory(
        created_by=user, submission_file="applications/submissions/a.pdf", submission_file_size=300
    )
    ApplicationFactory(
        created_by=other, submission_file="applications/submissions/b.pdf", submission_file_size=700
    )

    assert (stored_bytes(user), stored_bytes(other)) == (300, 700)


def test_ensure_within_quota_counts_released_bytes_and_refuses_over_the_limit(settings):
    settings.UPLOAD_QUOTA_BYTES_PER_USER = 1000
    user = UserFactory()
    ApplicationFactory(
        created_by=user, submission_file="applications/submissions/a.pdf", submission_file_size=600
    )

    ensure_within_quota(user, incoming=400)
    ensure_within_quota(user, incoming=900, released=600)
    with pytest.raises(UploadQuotaExceeded) as error:
        ensure_within_quota(user, incoming=401)

    assert error.value.code == "upload_quota"
    assert "your files would take 1001\xa0bytes, over the limit of 1000\xa0bytes per person" in str(
        error.value
    )


def test_a_quota_of_zero_turns_the_check_off(settings):
    settings.UPLOAD_QUOTA_BYTES_PER_USER = 0

    ensure_within_quota(UserFactory(), incoming=10**12)
