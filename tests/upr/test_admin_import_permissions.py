"""Admin import/export obeys model permissions: import needs add + change, export needs view (item 2)."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from upr.models import Issue

pytestmark = pytest.mark.django_db

ISSUE_CSV = b"slug,name_en,name_fr,name_es,source\nnew-theme,New theme,Nouveau,Nuevo,test\n"


def _grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def _post_import(client, model="issue", content=ISSUE_CSV):
    upload = SimpleUploadedFile("issues.csv", content, content_type="text/csv")
    return client.post(f"/admin/upr/{model}/import/", {"resource": "0", "format": "0", "import_file": upload})


@pytest.mark.parametrize("model", ["issue", "state", "review", "recommendation"])
def test_import_and_export_pages_refused_without_model_permissions(staff_client, model):
    import_page = staff_client.get(f"/admin/upr/{model}/import/")
    export_page = staff_client.get(f"/admin/upr/{model}/export/")

    assert (import_page.status_code, export_page.status_code) == (403, 403)


def test_import_post_without_permissions_changes_nothing(staff_client):
    response = _post_import(staff_client)
    process = staff_client.post("/admin/upr/issue/process_import/", {"import_file_name": "x", "format": "0"})

    assert (response.status_code, process.status_code) == (403, 403)
    assert Issue.objects.filter(slug="new-theme").exists() is False


@pytest.mark.parametrize("codenames", [("add_issue",), ("change_issue",), ("view_issue",)])
def test_import_refused_with_only_one_of_add_and_change(staff_client, staff_user, codenames):
    _grant(staff_user, *codenames)

    response = _post_import(staff_client)

    assert response.status_code == 403
    assert Issue.objects.filter(slug="new-theme").exists() is False


def test_import_allowed_with_add_and_change(staff_client, staff_user):
    _grant(staff_user, "add_issue", "change_issue")

    preview = _post_import(staff_client)
    done = staff_client.post("/admin/upr/issue/process_import/", preview.context["confirm_form"].initial)

    assert done.status_code == 302
    assert Issue.objects.get(slug="new-theme").name_en == "New theme"


def test_export_allowed_with_view_only_and_import_button_hidden(staff_client, staff_user):
    _grant(staff_user, "view_issue")

    export_page = staff_client.get("/admin/upr/issue/export/")
    changelist = staff_client.get("/admin/upr/issue/")

    assert export_page.status_code == 200
    assert changelist.context["has_export_permission"] is True
    assert changelist.context["has_import_permission"] is False
    assert b"/admin/upr/issue/import/" not in changelist.content
