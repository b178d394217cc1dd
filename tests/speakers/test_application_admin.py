"""The application admin is read-mostly: the applicant's file is shown, never replaced there (a file
replaced outside the services would stay on disk as an orphan)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories.speakers import ApplicationFactory
from tests.factories.world import user_with_mfa

pytestmark = pytest.mark.django_db


def test_admin_shows_the_submission_file_without_an_upload_input(client):
    admin = user_with_mfa(is_staff=True, is_superuser=True)
    application = ApplicationFactory()
    application.submission_file.save("s.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    client.force_login(admin)

    page = client.get(reverse("admin:speakers_application_change", args=[application.pk]))

    body = page.content.decode()
    assert page.status_code == 200
    assert 'name="submission_file"' not in body
    assert application.submission_file.name in body
