import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories.core import UserFactory
from tests.factories.upr import RecommendationFactory
from tests.upr.import_files import ohchr_matrix_docx, row, upr_info_csv
from upr.importing.loader import import_recommendations
from upr.importing.resources import RecommendationResource
from upr.models import Recommendation

IMPORT_URL = "/admin/upr/recommendation/import/"
PROCESS_URL = "/admin/upr/recommendation/process_import/"


@pytest.fixture
def admin_client_mfa(client, db):
    user = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "test"})
    client.force_login(user)
    return client


def _format_index(response, title):
    choices = response.context["form"].fields["format"].choices
    return next(value for value, label in choices if str(label) == title)


def _preview(client, data, name="1-5.csv", title="UPR Info CSV export (any encoding)"):
    page = client.get(IMPORT_URL)
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(
        IMPORT_URL, {"resource": "0", "format": _format_index(page, title), "import_file": upload}
    )


def test_import_admin_upr_info_csv_preview_then_confirm_writes_links(reference_data, admin_client_mfa):
    data = upr_info_csv(
        [
            row("Ratify the OP-CAT.", "France", issue="Torture and other CID treatment"),
            row("Ratify the OP-CAT.", "Slovenia", issue="Torture and other CID treatment", state_group="EEG"),
        ]
    )

    preview = _preview(admin_client_mfa, data)

    assert preview.status_code == 200
    result = preview.context["result"]
    assert (result.has_errors(), result.has_validation_errors(), result.totals["new"]) == (False, False, 1)
    assert Recommendation.objects.count() == 0
    confirm = preview.context["confirm_form"].initial

    done = admin_client_mfa.post(PROCESS_URL, confirm)

    assert done.status_code == 302
    rec = Recommendation.objects.get()
    assert [link.state.iso3 for link in rec.state_links.select_related("state")] == ["FRA", "SVN"]
    assert list(rec.issues.values_list("slug", flat=True)) == ["torture-and-other-cid-treatment"]
    assert (rec.review.state.iso3, rec.review.session.number, rec.response, rec.action_category) == (
        "AFG",
        5,
        "supported",
        5,
    )


def test_import_admin_same_file_again_is_skipped(reference_data, admin_client_mfa):
    data = upr_info_csv([row("Ratify the OP-CAT.")])
    admin_client_mfa.post(PROCESS_URL, _preview(admin_client_mfa, data).context["confirm_form"].initial)

    preview = _preview(admin_client_mfa, data)

    assert (preview.context["result"].totals["skip"], preview.context["result"].totals["new"]) == (1, 0)


def test_import_admin_bad_file_shows_the_report_and_writes_nothing(reference_data, admin_client_mfa):
    preview = _preview(admin_client_mfa, upr_info_csv([row("A.", "Atlantis")]))

    errors = preview.context["form"].errors["import_file"][0]
    assert "uploaded file, line 2: unknown State “Atlantis”." in errors
    assert Recommendation.objects.count() == 0


def test_recommendation_resource_export_then_reimport_changes_nothing(reference_data, admin_client_mfa):
    data = upr_info_csv([row("Ratify the OP-CAT.", issue="Torture and other CID treatment,Women's rights")])
    admin_client_mfa.post(PROCESS_URL, _preview(admin_client_mfa, data).context["confirm_form"].initial)

    dataset = RecommendationResource().export()
    result = RecommendationResource().import_data(dataset, dry_run=False)

    assert dataset.headers[:6] == [
        "review",
        "text",
        "text_key",
        "recommending_states",
        "paragraph",
        "response",
    ]
    assert dataset.dict[0]["review"] == "AFG:5"
    assert dataset.dict[0]["recommending_states"] == "FRA"
    assert dataset.dict[0]["issues"] == "torture-and-other-cid-treatment,womens-rights"
    assert (result.has_errors(), result.totals["skip"], result.totals["update"]) == (False, 1, 0)


@pytest.mark.django_db
def test_recommendation_resource_export_neutralises_formulas():
    recommendation = RecommendationFactory(text="=HYPERLINK(\"http://evil.example\")", paragraph="+90.1")

    row = RecommendationResource().export(Recommendation.objects.filter(pk=recommendation.pk)).dict[0]

    assert row["text"] == "'=HYPERLINK(\"http://evil.example\")"
    assert row["paragraph"] == "'+90.1"


def test_import_admin_matrix_over_upr_info_review_is_refused_with_the_way_to_match(
    reference_data, admin_client_mfa, tmp_path
):
    svn = {"sur": "Slovenia", "session": "20", "sur_group": "EEG"}
    data = upr_info_csv([row("Ratify the OP-CAT", "Croatia", **svn)])
    assert import_recommendations([("svn.csv", data)]).ok
    matrix = ohchr_matrix_docx(
        tmp_path / "m.docx",
        "UPR of Slovenia (2nd Cycle – 20th session)",
        [("115.1 Ratify the OP-CAT (Croatia);", "Supported", "A12 Norms", "")],
    )

    preview = _preview(admin_client_mfa, matrix.read_bytes(), "m.docx", "OHCHR matrix (.docx)")

    assert preview.context["form"].errors["import_file"] == [
        "Recommendations from the other source (UPR Info or OHCHR matrix) already cover SVN:20: import this "
        "file on the staff page “Import recommendations” (/staff/recommendations/import/) or with the "
        "import_recommendations command, which match them paragraph by paragraph."
    ]
    assert list(Recommendation.objects.values_list("paragraph", "text")) == [("", "Ratify the OP-CAT")]
