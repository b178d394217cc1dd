import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presessions.models import Presession, Round
from tests.factories.presessions import (
    DeadlineExtensionFactory,
    PresessionFactory,
    ReviewFactory,
    RoundFactory,
    SessionFactory,
    StateFactory,
    geneva,
)
from tests.factories.speakers import OrganisationFactory, applicant_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(db):
    round_ = RoundFactory(
        session=SessionFactory(number=154),
        title="Pre-sessions 154",
        call_opens_at=timezone.now() - dt.timedelta(days=3),
        call_closes_at=geneva(2099, 12, 14, 12, 0),
        call_eligibility_en="Organisations that sent a stakeholder submission.",
    )
    for order, name in enumerate(("Alphaland", "Betaland")):
        review = ReviewFactory(session=round_.session, state=StateFactory(name_en=name), order=order)
        PresessionFactory(round=round_, review=review)
    review = ReviewFactory(session=round_.session, state=StateFactory(name_en="Gammaland"), order=3)
    PresessionFactory(round=round_, status=Presession.Status.CANCELLED, review=review)
    return round_


def _home(language="en"):
    return Client(headers={"accept-language": language}).get(reverse("core:home"))


def test_home_page_shows_an_open_call_to_anyone(open_round):
    response = _home()

    page = response.content.decode()
    call_url = reverse("presessions:call_detail", args=[154])
    assert response.status_code == 200
    assert f'<h3 id="call-154-title"><a href="{call_url}">Pre-sessions 154</a></h3>' in page
    assert "Alphaland, Betaland</dd>" in page
    assert "Gammaland" not in page
    assert (
        '<time datetime="2099-12-14T12:00:00+01:00" data-local-time="your time:">14 December 2099, 12:00 CET'
        "</time> Geneva time" in page
    )
    assert "Organisations that sent a stakeholder submission." in page
    assert page.count(f'href="{call_url}"') == 2
    assert "What is a Pre-session?" in page
    assert '<script src="/static/js/local-time.js" defer></script>' in page


def test_home_page_in_french_and_spanish(open_round):
    french = _home("fr").content.decode()
    spanish = _home("es").content.decode()

    assert "Appels à candidatures ouverts" in french
    assert "14 décembre 2099 à 12:00 CET</time> heure de Genève" in french
    assert "Convocatorias abiertas" in spanish
    assert "14 de diciembre de 2099, 12:00 CET</time> hora de Ginebra" in spanish


def test_home_page_hides_drafts_and_lists_past_rounds(open_round):
    RoundFactory(session=SessionFactory(number=160), title="Draft round", status=Round.Status.DRAFT)
    past = RoundFactory(
        session=SessionFactory(number=140),
        title="Pre-sessions 140",
        status=Round.Status.ARCHIVED,
        start_date=dt.date(2022, 1, 10),
        end_date=dt.date(2022, 1, 12),
        call_closes_at=geneva(2021, 11, 1, 12, 0),
    )
    PresessionFactory(round=past)

    response = _home()

    page = response.content.decode()
    assert [call.round.number for call in response.context["sections"][0][1]["calls"]] == [154]
    assert [round_.number for round_ in response.context["sections"][0][1]["past_rounds"]] == [140]
    assert "Draft round" not in page
    assert f'<a href="{reverse("presessions:call_detail", args=[140])}">Pre-sessions 140</a>' in page
    assert "1 State under Review" in page


def test_home_page_keeps_a_call_open_by_its_extensions(open_round):
    Round.objects.filter(pk=open_round.pk).update(call_closes_at=timezone.now() - dt.timedelta(hours=1))
    review = open_round.presessions.get(review__state__name_en="Betaland").review
    DeadlineExtensionFactory(round=open_round, review=review, closes_at=geneva(2099, 12, 21, 12, 0))

    page = _home().content.decode()

    assert "Extended for Betaland until" in page
    assert "21 December 2099, 12:00 CET" in page
    assert '<span class="flag">passed</span>' in page


def test_home_page_without_open_call_says_so(db):
    page = _home().content.decode()

    assert "No call for applications is open at the moment." in page


@pytest.mark.parametrize("rows", [1, 6])
def test_home_page_query_count_is_constant(django_assert_num_queries, rows):
    for n in range(rows):
        round_ = RoundFactory(session=SessionFactory(number=200 + n))
        PresessionFactory.create_batch(3, round=round_)
        DeadlineExtensionFactory(round=round_)
        RoundFactory(session=SessionFactory(number=300 + n), status=Round.Status.CLOSED)

    with django_assert_num_queries(6):
        response = _home()

    assert len(response.context["sections"][0][1]["calls"]) == rows


def test_my_applications_without_any_links_to_the_open_calls(client, open_round):
    client.force_login(applicant_for(OrganisationFactory(), email="new@example.org"))

    page = client.get(reverse("applications:application_list")).content.decode()

    assert "No application yet." in page
    link = reverse("presessions:call_detail", args=[154])
    assert f'<a href="{link}">Call for applications — Pre-sessions 154</a>' in page
