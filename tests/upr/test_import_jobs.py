import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.core import UserFactory
from tests.upr.import_files import row, upr_info_csv
from upr.importing.jobs import run_import_job
from upr.models import ImportJob, Recommendation

UPLOAD_URL = "/staff/recommendations/import/"
QUERIES_UPLOAD_PAGE = 4  # session, user, MFA authenticators, recent jobs with their uploader


def _upload(client, data, name="1-5.csv", **extra):
    return client.post(
        UPLOAD_URL, {"file": SimpleUploadedFile(name, data), "format": "", "review": "", **extra}
    )


def test_import_upload_page_refuses_anonymous_and_non_staff(client, db):
    assert client.get(UPLOAD_URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(UPLOAD_URL).status_code in {302, 403}


def test_import_job_runs_in_background_and_reports(
    reference_data, staff_client, staff_user, django_capture_on_commit_callbacks
):
    data = upr_info_csv([row("Ratify the OP-CAT."), row("Ratify the OP-CAT.", "Slovenia", state_group="EEG")])

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(staff_client, data)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("upr:import_job", args=[job.token])
    assert (job.status, job.created_by, job.original_name) == (
        ImportJob.Status.SUCCEEDED,
        staff_user,
        "1-5.csv",
    )
    assert (job.created_count, job.updated_count, job.unchanged_count, job.error_count) == (1, 0, 0, 0)
    assert (job.rows_done, job.rows_total, job.percent) == (2, 2, 100)
    assert "1-5.csv: UPR Info CSV, encoding ASCII (UTF-8 compatible), 2 rows" in job.report
    assert not job.file.name.endswith("1-5.csv")
    assert Recommendation.objects.count() == 1
    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    assert "Recommendations: 1 created, 0 updated, 0 unchanged." in page.content.decode()
    assert b"hx-get" not in page.content


def test_import_job_with_errors_fails_visibly_and_writes_nothing(
    reference_data, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(staff_client, upr_info_csv([row("A.", "Atlantis"), row("B.", "Atlantis")]))

    job = ImportJob.objects.get()
    assert (job.status, job.error_count, Recommendation.objects.count()) == (ImportJob.Status.FAILED, 1, 0)
    assert "1-5.csv, lines 2, 3: unknown State “Atlantis”." in job.report


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "x.csv",
            "x.csv: this is a PNG file, not a UPR Info CSV export or an OHCHR Word matrix.",
        ),
        (
            b"%PDF-1.4\n",
            "x.docx",
            "x.docx: this is a PDF file, not a UPR Info CSV export or an OHCHR Word matrix.",
        ),
    ],
)
def test_import_upload_sniffs_the_type_from_content(reference_data, staff_client, data, name, message):
    response = _upload(staff_client, data, name)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [message]
    assert ImportJob.objects.count() == 0


def test_import_upload_size_cap(reference_data, staff_client, settings):
    settings.RECOMMENDATION_IMPORT_MAX_BYTES = 100

    response = _upload(staff_client, upr_info_csv([row("A" * 200)]))

    assert response.context["form"].errors["file"] == [
        "1-5.csv: the file is 0.0 MB, more than the limit of 0.0 MB."
    ]
    assert ImportJob.objects.count() == 0


def test_import_job_page_polls_while_running_and_htmx_gets_the_fragment(
    reference_data, staff_client, staff_user
):
    job = ImportJob.objects.create(
        original_name="1-5.csv", created_by=staff_user, rows_done=500, rows_total=2000
    )
    url = reverse("upr:import_job", args=[job.token])

    page = staff_client.get(url)
    fragment = staff_client.get(url, HTTP_HX_REQUEST="true")

    html = page.content.decode()
    assert f'hx-get="{url}" hx-trigger="every 1s"' in html
    assert f'<a href="{url}">Reload this page to see the progress</a>' in html
    assert '<progress id="import-progress-bar" max="100" value="25">' in html
    assert fragment.content.decode().lstrip().startswith('<section id="import-progress"')
    assert "<html" not in fragment.content.decode()


def test_run_import_job_twice_runs_once_and_reports_progress(reference_data, staff_user):
    rows = [row(f"Recommendation number {n}.") for n in range(2500)]
    job = ImportJob(original_name="big.csv", created_by=staff_user)
    job.file.save("upload", ContentFile(upr_info_csv(rows)), save=True)

    first = run_import_job(job.pk)
    second = run_import_job(job.pk)

    assert (first.status, first.created_count, first.rows_done, first.rows_total) == (
        "succeeded",
        2500,
        2500,
        2500,
    )
    assert (second.status, second.created_count, Recommendation.objects.count()) == ("succeeded", 2500, 2500)


def test_run_import_job_missing_job_is_logged_not_raised(db):
    assert run_import_job(123456) is None


def test_run_import_job_task_is_registered_by_name():
    from celery import current_app

    import upr.tasks  # noqa: F401

    assert "upr.run_import_job" in current_app.tasks


def _docx_without_header():
    import io

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for cell, value in zip(
        table.rows[0].cells, ["Recommendation", "Position", "Themes", "SDGs"], strict=True
    ):
        cell.text = value
    table.rows[1].cells[
        0
    ].text = "121.1 Ratify the CED (France) (Lithuania);\nSource of Position: A/HRC/43/15 - Para 121"
    table.rows[1].cells[1].text = "Supported"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_import_job_ohchr_matrix_with_review_option(
    reference_data, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(staff_client, _docx_without_header(), "matrix.docx", review="svn:34")

    job = ImportJob.objects.get()
    assert (job.status, job.review_option, job.created_count) == ("succeeded", "SVN:34", 1)
    rec = Recommendation.objects.get()
    assert (rec.review.state.iso3, rec.review.session.number, rec.paragraph) == ("SVN", 34, "121.1")
    assert [link.state.iso3 for link in rec.state_links.select_related("state")] == ["FRA", "LTU"]


def test_import_job_dry_run_reports_without_writing(
    reference_data, staff_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(staff_client, upr_info_csv([row("A.")]), dry_run="on")

    job = ImportJob.objects.get()
    assert (job.status, job.dry_run, job.created_count, Recommendation.objects.count()) == (
        "succeeded",
        True,
        1,
        0,
    )
    assert "Dry run: nothing was written." in job.report


@pytest.mark.parametrize("jobs", [1, 8])
def test_import_upload_page_lists_recent_jobs_in_constant_queries(
    reference_data, staff_client, staff_user, django_assert_num_queries, jobs
):
    for n in range(jobs):
        ImportJob.objects.create(original_name=f"file-{n}.csv", created_by=UserFactory())
    staff_client.get(UPLOAD_URL)  # warm the session and permission caches

    with django_assert_num_queries(QUERIES_UPLOAD_PAGE):
        response = staff_client.get(UPLOAD_URL)

    assert response.content.decode().count('href="/staff/recommendations/import/') == jobs
