"""One rule for who hears about an application and in which language; one selector for staff."""

import pytest
from django.conf import settings

from core.selectors import staff_recipients
from speakers.applications.mails import applicant_language, applicant_recipients, application_context
from tests.factories.core import UserFactory
from tests.factories.speakers import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_applicant_recipients_are_the_acting_person_then_the_speaker_once_each():
    creator = UserFactory(email="Creator@Example.org", language="fr")
    other = UserFactory(email="other@example.org", language="es")
    application = ApplicationFactory(created_by=creator, speaker_email="creator@example.org")

    assert applicant_recipients(application) == ["creator@example.org"]
    assert applicant_recipients(application, actor=other) == ["other@example.org", "creator@example.org"]
    assert (applicant_language(application), applicant_language(application, actor=other)) == ("fr", "es")


def test_applicant_language_falls_back_to_the_application_then_english():
    application = ApplicationFactory(created_by=None, language="es")
    assert applicant_language(application) == "es"
    application.language = "xx"
    assert applicant_language(application) == "en"


def test_application_context_links_come_from_site_url():
    application = ApplicationFactory()
    context = application_context(application)
    assert context["link"] == f"{settings.SITE_URL}/my/applications/{application.token}/"
    assert context["staff_link"] == f"{settings.SITE_URL}/staff/rounds/{application.presession.round.number}/"


def test_staff_recipients_are_active_staff_in_id_order():
    first = UserFactory(is_staff=True)
    UserFactory(is_staff=True, is_active=False)
    UserFactory(is_staff=False)
    second = UserFactory(is_staff=True)
    assert list(staff_recipients()) == [first, second]
