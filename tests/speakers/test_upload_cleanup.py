"""Orphan uploads (issue 12, finding 8): replaced, removed and deleted files leave storage after commit;
uploads over the per-person quota are refused and nothing typed is lost."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse

from core.files import UploadQuotaExceeded
from speakers.applications import services
from speakers.models import Application, ApplicationAnswer
from speakers.statements import services as statement_services
from speakers.statements.models import Statement
from tests.factories.presessions import CallQuestionFactory
from tests.factories.statements import speaker_setup, write_statement
from tests.speakers.test_applying import form_data

pytestmark = pytest.mark.django_db


def pdf(name="submission.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * (size - 9))


def upload_submission(draft, user, upload, capture):
    with capture(execute=True):
        services.update_draft_application(draft, user=user, submission_file=upload)
    return Application.objects.get(pk=draft.pk)


# --- applications -----------------------------------------------------------------------------------


def test_replacing_a_draft_file_deletes_the_old_one_after_commit(world, django_capture_on_commit_callbacks):
    first = upload_submission(world.draft_a, world.applicant_a, pdf(), django_capture_on_commit_callbacks)
    old = first.submission_file.name

    with django_capture_on_commit_callbacks() as callbacks:
        services.update_draft_application(first, user=world.applicant_a, submission_file=pdf(size=200))
        assert default_storage.exists(old)  # not before the commit
    for callback in callbacks:
        callback()

    draft = Application.objects.get(pk=first.pk)
    assert not default_storage.exists(old)
    assert default_storage.exists(draft.submission_file.name)
    assert draft.submission_file_size == 200


def test_a_rolled_back_replacement_keeps_the_old_file(world, django_capture_on_commit_callbacks):
    first = upload_submission(world.draft_a, world.applicant_a, pdf(), django_capture_on_commit_callbacks)
    old = first.submission_file.name

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.update_draft_application(first, user=world.applicant_a, submission_file=pdf())
            raise RuntimeError("the request failed after the service")

    assert callbacks == []
    assert default_storage.exists(old)
    assert Application.objects.get(pk=first.pk).submission_file.name == old


def test_clearing_the_file_on_the_form_removes_it(world, client, django_capture_on_commit_callbacks):
    first = upload_submission(world.draft_a, world.applicant_a, pdf(), django_capture_on_commit_callbacks)
    old = first.submission_file.name
    client.force_login(world.applicant_a)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications:application_edit", args=[first.token]),
            form_data(world, **{"submission_file-clear": "on"}),
        )

    assert response.status_code == 302
    draft = Application.objects.get(pk=first.pk)
    assert (draft.submission_file.name, draft.submission_file_size) == ("", 0)
    assert not default_storage.exists(old)


def test_replacing_a_file_answer_deletes_the_old_one(world, client, django_capture_on_commit_callbacks):
    question = CallQuestionFactory(round=world.round, kind="file")
    client.force_login(world.applicant_a)
    url = reverse("applications:application_edit", args=[world.draft_a.token])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(world, **{f"question_{question.pk}": pdf("annex.pdf")}))
    old = ApplicationAnswer.objects.get(question=question).file.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(world, **{f"question_{question.pk}": pdf("annex.pdf", size=50)}))

    answer = ApplicationAnswer.objects.get(question=question)
    assert answer.file.name != old and answer.file_size == 50
    assert not default_storage.exists(old)
    assert default_storage.exists(answer.file.name)


def test_deleting_an_application_deletes_its_files_after_commit(world, django_capture_on_commit_callbacks):
    question = CallQuestionFactory(round=world.round, kind="file")
    with django_capture_on_commit_callbacks(execute=True):
        services.update_draft_application(
            world.draft_a, user=world.applicant_a, submission_file=pdf(), answers={question: pdf("annex.pdf")}
        )
    draft = Application.objects.get(pk=world.draft_a.pk)
    names = [draft.submission_file.name, draft.answers.get().file.name]
    untouched = upload_submission(
        world.application_b, world.applicant_b, pdf(), django_capture_on_commit_callbacks
    )

    with django_capture_on_commit_callbacks() as callbacks:
        draft.delete()
        assert all(default_storage.exists(name) for name in names)
    for callback in callbacks:
        callback()

    assert [default_storage.exists(name) for name in names] == [False, False]
    assert default_storage.exists(untouched.submission_file.name)


# --- statements -------------------------------------------------------------------------------------


def test_replacing_a_statement_file_deletes_the_old_one(django_capture_on_commit_callbacks):
    setup = speaker_setup()
    statement = write_statement(setup)
    with django_capture_on_commit_callbacks(execute=True):
        statement_services.save_statement(
            statement, actor=setup.applicant, fields={"file": pdf()}, sections={}
        )
    old = Statement.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        statement_services.save_statement(
            statement, actor=setup.applicant, fields={"file": pdf()}, sections={}
        )

    statement = Statement.objects.get()
    assert statement.file.name != old and statement.file_size == 100
    assert not default_storage.exists(old)
    assert default_storage.exists(statement.file.name)


def test_a_statement_file_removed_in_a_rolled_back_transaction_is_kept(django_capture_on_commit_callbacks):
    setup = speaker_setup()
    statement = write_statement(setup)
    with django_capture_on_commit_callbacks(execute=True):
        statement_services.save_statement(
            statement, actor=setup.applicant, fields={"file": pdf()}, sections={}
        )
    old = Statement.objects.get().file.name

    with pytest.raises(RuntimeError), transaction.atomic():
        statement_services.save_statement(
            statement, actor=setup.applicant, fields={"file": False}, sections={}
        )
        raise RuntimeError("rolled back")

    assert Statement.objects.get().file.name == old
    assert default_storage.exists(old)


def test_deleting_a_statement_deletes_its_file(django_capture_on_commit_callbacks):
    setup = speaker_setup()
    statement = write_statement(setup)
    with django_capture_on_commit_callbacks(execute=True):
        statement_services.save_statement(
            statement, actor=setup.applicant, fields={"file": pdf()}, sections={}
        )
    name = Statement.objects.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        Statement.objects.get().delete()

    assert not default_storage.exists(name)


# --- quota ------------------------------------------------------------------------------------------


@pytest.fixture
def quota(settings, world):
    """A quota of 1000 bytes; applicant A created both drafts and already stores 600 bytes elsewhere."""
    settings.UPLOAD_QUOTA_BYTES_PER_USER = 1000
    Application.objects.filter(pk__in=[world.draft_a.pk, world.application_a.pk]).update(
        created_by=world.applicant_a,
        speaker_name="Before",
    )
    Application.objects.filter(pk=world.application_a.pk).update(
        submission_file="applications/submissions/earlier.pdf", submission_file_size=600
    )
    return world


def files_in_storage(settings):
    return sorted(str(path) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file())


def test_an_upload_over_the_quota_is_refused_and_the_draft_text_is_kept(quota, client, settings):
    client.force_login(quota.applicant_a)
    url = reverse("applications:application_edit", args=[quota.draft_a.token])

    response = client.post(url, form_data(quota, speaker_name="Typed after", submission_file=pdf(size=500)))

    page = response.content.decode()
    assert response.status_code == 200
    assert "your files would take 1.1\xa0KB, over the limit of 1000\xa0bytes per person" in page
    assert 'value="Typed after"' in page
    draft = Application.objects.get(pk=quota.draft_a.pk)
    assert (draft.speaker_name, draft.submission_file.name) == ("Before", "")
    assert files_in_storage(settings) == []


def test_an_upload_within_the_quota_is_stored(quota, client):
    client.force_login(quota.applicant_a)

    response = client.post(
        reverse("applications:application_edit", args=[quota.draft_a.token]),
        form_data(quota, submission_file=pdf(size=400)),
    )

    assert response.status_code == 302
    assert Application.objects.get(pk=quota.draft_a.pk).submission_file_size == 400


def test_replacing_a_file_counts_only_the_difference(quota, django_capture_on_commit_callbacks):
    draft = upload_submission(
        quota.draft_a, quota.applicant_a, pdf(size=400), django_capture_on_commit_callbacks
    )

    replaced = upload_submission(draft, quota.applicant_a, pdf(size=400), django_capture_on_commit_callbacks)

    assert replaced.submission_file_size == 400
    with pytest.raises(UploadQuotaExceeded):
        services.update_draft_application(replaced, user=quota.applicant_a, submission_file=pdf(size=401))


def test_a_statement_upload_over_the_quota_is_refused_and_the_text_is_kept(settings, client):
    settings.UPLOAD_QUOTA_BYTES_PER_USER = 1000
    setup = speaker_setup()
    statement = write_statement(setup)
    section = statement.sections.get()
    client.force_login(setup.applicant)

    response = client.post(
        reverse("statements:edit", args=[setup.application.token]),
        {
            "language": "en",
            "introduction": "A new introduction, typed before the upload.",
            "consultations": "",
            f"section-{section.pk}-follow_up": "",
            "file": pdf("statement.pdf", size=1001),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "your files would take 1001\xa0bytes, over the limit of 1000\xa0bytes per person" in page
    assert "A new introduction, typed before the upload." in page
    statement = Statement.objects.get()
    assert (statement.introduction, statement.file.name) == (
        "We are a national coalition of 12 organisations.",
        "",
    )


# --- sizes of files stored before this change -------------------------------------------------------


def test_migration_fills_the_sizes_of_stored_files(world):
    name = default_storage.save("applications/submissions/legacy.pdf", pdf(size=321))
    Application.objects.filter(pk=world.draft_a.pk).update(submission_file=name, submission_file_size=0)
    Application.objects.filter(pk=world.application_b.pk).update(
        submission_file="applications/submissions/gone.pdf", submission_file_size=0
    )
    migration = importlib.import_module("speakers.migrations.0005_upload_sizes")

    migration.fill_sizes(apps, SimpleNamespace(connection=connection))

    sizes = dict(Application.objects.values_list("pk", "submission_file_size"))
    assert (sizes[world.draft_a.pk], sizes[world.application_b.pk]) == (321, 0)
