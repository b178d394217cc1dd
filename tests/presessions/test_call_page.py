import pytest
from django.test import Client
from django.urls import reverse

from presessions.models import Presession, Round
from tests.factories.presessions import DeadlineExtensionFactory, PresessionFactory, RoundFactory, geneva

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    round_ = RoundFactory(call_closes_at=geneva(2027, 3, 28, 12, 0), call_opens_at=geneva(2026, 11, 1, 9, 0))
    first = PresessionFactory(round=round_)
    second = PresessionFactory(round=round_)
    PresessionFactory(round=round_, status=Presession.Status.CANCELLED)
    DeadlineExtensionFactory(round=round_, review=second.review, closes_at=geneva(2027, 4, 4, 12, 0))
    return round_, first, second


@pytest.mark.parametrize(
    ("language", "intro"),
    [("en", "Apply to speak."), ("fr", "Postulez pour intervenir."), ("es", "Postule para intervenir.")],
)
def test_call_page_is_public_and_in_the_visitors_language(call, language, intro):
    round_, first, second = call
    client = Client(headers={"accept-language": language})

    response = client.get(reverse("presessions:call_detail", args=[round_.token]))

    page = response.content.decode()
    assert response.status_code == 200
    assert intro in page
    assert (
        first.review.state.name_en.replace(
            "Testland", {"en": "Testland", "fr": "Testlande", "es": "Testlandia"}[language]
        )
        in page
    )


def test_call_page_shows_deadlines_in_geneva_time_with_extensions(call):
    round_, first, second = call

    page = Client().get(reverse("presessions:call_detail", args=[round_.number])).content.decode()

    assert 'datetime="2027-03-28T12:00:00+02:00"' in page
    assert 'datetime="2027-04-04T12:00:00+02:00"' in page
    assert "28 March 2027, 12:00 CEST" in page
    assert page.count("extended") == 1
    assert page.count("<tr>") == 1 + 2  # header + two panels; the cancelled one is not listed


def test_draft_round_and_unknown_keys_are_not_found(call):
    round_, *_ = call
    Round.objects.filter(pk=round_.pk).update(status=Round.Status.DRAFT)
    client = Client()

    assert client.get(reverse("presessions:call_detail", args=[round_.token])).status_code == 404
    assert client.get(reverse("presessions:call_detail", args=["no-such-token"])).status_code == 404
    assert client.get(reverse("presessions:call_detail", args=["999"])).status_code == 404
