"""Publication after the round: consent on the public page, one-click unpublication of pages, files, feed."""

import datetime as dt

import pytest
from django.urls import reverse

from briefs.pdf import build as pdf_build
from briefs.pdf import services as pdf_services
from briefs.pdf.models import BriefDocument
from briefs.publication import services
from core.errors import DomainError
from presessions.models import GENEVA, Presession
from presessions.programme.releases import publish_release
from speakers.statements.models import Statement
from tests.factories.programme import RoomFactory, RoundDayFactory
from tests.factories.statements import approved_statement, speaker_setup

AFTER = dt.datetime(2027, 3, 5, 0, 0, tzinfo=GENEVA)  # the factories' round ends on 4 March 2027


@pytest.fixture
def consenting(panel, programme):
    """Every statement of the panel consents to publication (the one at risk too: the flag overrides)."""
    Statement.objects.update(consent_publish_statement=True)
    return panel


@pytest.fixture
def programme(world, django_capture_on_commit_callbacks):
    """The round's programme is published, so the panel has its public page."""
    RoundDayFactory(round=world.round, date=dt.date(2027, 3, 1))
    Presession.objects.filter(pk=world.presession.pk).update(
        status=Presession.Status.CONFIRMED,
        room=RoomFactory(round=world.round, name="Room XXIV"),
        starts_at=dt.datetime(2027, 3, 1, 10, 0, tzinfo=GENEVA),
        ends_at=dt.datetime(2027, 3, 1, 11, 0, tzinfo=GENEVA),
        moderator_name="Mona Moderator",
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_release(world.round, actor=world.staff)


def _public_page(presession):
    return reverse("presessions:public_panel", args=[presession.token])


@pytest.mark.django_db
def test_publish_is_refused_before_the_round_is_over(panel, world):
    with pytest.raises(DomainError):
        services.publish_panel(panel.presession, actor=world.staff, now=AFTER - dt.timedelta(seconds=1))
    brief = services.publish_panel(panel.presession, actor=world.staff, now=AFTER)
    assert brief.published_at == AFTER


@pytest.mark.django_db
def test_public_page_shows_statements_only_once_published(client, consenting, world):
    url = _public_page(consenting.presession)
    before = client.get(url).content.decode()
    assert "Mona Moderator" in before
    assert 'id="published-statements"' not in before and '<article class="statement">' not in before
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    after = client.get(url).content.decode()
    assert 'id="published-statements"' in after and after.count('<article class="statement">') == 2


@pytest.mark.django_db
def test_public_page_respects_each_consent_and_the_risk_flag(client, consenting, world):
    speaker_only = speaker_setup(
        presession=world.presession, name="No Statement Consent", consent_publish_name=True
    )
    approved_statement(
        speaker_only, world.staff, texts=["Adopt a secret law by 2027.", "Repeal article 1 by 2028."]
    )
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    page = client.get(_public_page(consenting.presession)).content.decode()
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
    page = _public_page(consenting.presession)
    pdf = reverse("briefs:panel_public_pdf", args=[consenting.presession.token, "en"])
    feed = reverse("briefs:round_feed", args=[world.round.token])
    response = client.get(pdf)
    assert b"".join(response.streaming_content)[:5] == b"%PDF-"
    response.close()
    assert page in client.get(feed).content.decode()
    client.force_login(world.staff)
    client.post(reverse("briefs:unpublish_round", args=[world.round.number]))
    client.logout()
    assert client.get(pdf).status_code == 404
    assert '<article class="statement">' not in client.get(page).content.decode()
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
def test_public_panel_page_query_count(client, world, programme, django_assert_num_queries, count):
    for _ in range(count):
        approved_statement(speaker_setup(presession=world.presession, consent_publish_name=True), world.staff)
    Statement.objects.update(consent_publish_statement=True)
    services.publish_panel(world.presession, actor=world.staff, now=AFTER)
    url = _public_page(world.presession)
    with django_assert_num_queries(15):  # the programme's panel page and the published section
        response = client.get(url)
    assert response.content.decode().count('<article class="statement">') == count


@pytest.mark.django_db
def test_unpublish_round_asks_for_confirmation_first(client, consenting, world):
    services.publish_panel(consenting.presession, actor=world.staff, now=AFTER)
    url = reverse("briefs:unpublish_round", args=[world.round.number])
    client.force_login(world.staff)

    html = client.get(url).content.decode()

    assert "<h1>Unpublish every panel of the round?</h1>" in html
    assert '<button type="submit" class="button-danger">Unpublish every panel</button>' in html
    consenting.presession.brief.refresh_from_db()
    assert consenting.presession.brief.published_at is not None
    page = client.get(reverse("briefs:round", args=[world.round.number])).content.decode()
    assert f'<a class="button button-danger" href="{url}">' in page
