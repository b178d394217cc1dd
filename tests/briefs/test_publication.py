"""Publication after the round: consent on the public page, one-click unpublication of pages, files, feed."""

import datetime as dt

import pytest
from django.urls import reverse

from briefs.pdf import build as pdf_build
from briefs.pdf import services as pdf_services
from briefs.pdf.models import BriefDocument
from briefs.publication import services
from core.errors import DomainError
from presessions.models import GENEVA
from speakers.statements.models import Statement
from tests.factories.statements import approved_statement, speaker_setup

AFTER = dt.datetime(2027, 3, 5, 0, 0, tzinfo=GENEVA)  # the factories' round ends on 4 March 2027


@pytest.fixture
def consenting(panel):
    """Every statement of the panel consents to publication (the one at risk too: the flag overrides)."""
    Statement.objects.update(consent_publish_statement=True)
    return panel


@pytest.mark.django_db
def test_publish_is_refused_before_the_round_is_over(panel, world):
    with pytest.raises(DomainError):
        services.publish_panel(panel.presession, actor=world.staff, now=AFTER - dt.timedelta(seconds=1))
    brief = services.publish_panel(panel.presession, actor=world.staff, now=AFTER)
    assert brief.published_at == AFTER


@pytest.mark.django_db
def test_public_page_is_not_found_until_published(client, consenting, world):
    url = reverse("briefs:panel_public", args=[consenting.presession.token])
    assert client.get(url).status_code == 404
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_public_page_respects_each_consent_and_the_risk_flag(client, consenting, world):
    speaker_only = speaker_setup(
        presession=world.presession, name="No Statement Consent", consent_publish_name=True
    )
    approved_statement(
        speaker_only, world.staff, texts=["Adopt a secret law by 2027.", "Repeal article 1 by 2028."]
    )
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    page = client.get(reverse("briefs:panel_public", args=[consenting.presession.token])).content.decode()
    assert "Zoë Ñandú-Łódź" in page and consenting.public.organisation.name in page
    assert "Statement of a civil-society organisation" in page  # consent to the statement, not the name
    assert "Anonymous Speaker" not in page and consenting.anonymous.organisation.name not in page
    assert "Hidden Defender" not in page and "Hidden Prisoner" not in page
    assert "No Statement Consent" not in page and "secret law" not in page


@pytest.mark.django_db
def test_one_click_unpublishes_page_pdf_and_feed(client, consenting, world):
    document = pdf_services.request_document(
        kind=BriefDocument.Kind.BRIEF, language="en", presession=consenting.presession, queue=False
    )
    pdf_build.build_document(document.pk)
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    page = reverse("briefs:panel_public", args=[consenting.presession.token])
    pdf = reverse("briefs:panel_public_pdf", args=[consenting.presession.token, "en"])
    feed = reverse("briefs:round_feed", args=[world.round.token])
    response = client.get(pdf)
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    response.close()
    assert page in client.get(feed).content.decode()
    client.force_login(world.staff)
    client.post(reverse("briefs:unpublish_round", args=[world.round.number]))
    client.logout()
    assert (client.get(page).status_code, client.get(pdf).status_code) == (404, 404)
    assert page not in client.get(feed).content.decode()


@pytest.mark.django_db
def test_publish_button_is_for_staff_only(client, consenting, world):
    url = reverse("briefs:publish", args=[consenting.presession.token])
    client.force_login(consenting.public.applicant)
    assert client.post(url, {"publish": "1"}).status_code == 403
    client.force_login(world.reviewer)
    assert client.post(url, {"publish": "1"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 4])
def test_public_panel_page_query_count(client, world, django_assert_num_queries, count):
    for _ in range(count):
        approved_statement(speaker_setup(presession=world.presession, consent_publish_name=True), world.staff)
    Statement.objects.update(consent_publish_statement=True)
    services.publish_panel(world.presession, actor=world.staff, now=AFTER)
    url = reverse("briefs:panel_public", args=[world.presession.token])
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.content.decode().count('<article class="statement">') == count
