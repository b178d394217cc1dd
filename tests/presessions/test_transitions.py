"""Round and Presession statuses change in one function each, over an explicit table of moves."""

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from presessions import services
from presessions.models import DeadlineExtension, Presession, Round
from tests.factories.core import UserFactory
from tests.factories.presessions import PresessionFactory, RoundFactory, geneva
from tests.factories.review import staff_user

pytestmark = pytest.mark.django_db
R = Round.Status
P = Presession.Status

ROUND_ALLOWED = {
    (R.DRAFT, R.OPEN),
    (R.DRAFT, R.ARCHIVED),
    (R.OPEN, R.CLOSED),
    (R.CLOSED, R.OPEN),
    (R.CLOSED, R.ARCHIVED),
}
PRESESSION_ALLOWED = {
    (P.PROPOSED, P.CONFIRMED),
    (P.PROPOSED, P.CANCELLED),
    (P.CONFIRMED, P.PROPOSED),
    (P.CONFIRMED, P.CANCELLED),
    (P.CANCELLED, P.PROPOSED),
}


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(R.values, R.values)))
def test_transition_round_allows_exactly_the_table(from_status, to_status):
    round_ = RoundFactory(status=from_status, call_closes_at=geneva(2031, 1, 15, 12, 0))
    staff = UserFactory(is_staff=True)

    if (from_status, to_status) in ROUND_ALLOWED:
        moved = services.transition_round(round_, to_status, actor=staff)
        assert moved.status == to_status
        assert moved.history.latest().history_user == staff
    else:
        with pytest.raises(services.RoundError):
            services.transition_round(round_, to_status, actor=staff)
        round_.refresh_from_db()
        assert round_.status == from_status


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(P.values, P.values)))
def test_transition_presession_allows_exactly_the_table(from_status, to_status):
    presession = PresessionFactory(status=from_status)
    staff = UserFactory(is_staff=True)

    if from_status == to_status or (from_status, to_status) in PRESESSION_ALLOWED:
        moved = services.transition_presession(presession, to_status, actor=staff)
        assert moved.status == to_status
    else:
        with pytest.raises(services.RoundError):
            services.transition_presession(presession, to_status, actor=staff)
        presession.refresh_from_db()
        assert presession.status == from_status


def test_transition_tables_match_the_models():
    assert {(a, b) for a, targets in Round.TRANSITIONS.items() for b in targets} == ROUND_ALLOWED
    assert {(a, b) for a, targets in Presession.TRANSITIONS.items() for b in targets} == PRESESSION_ALLOWED


def test_transition_presession_records_the_actor_in_the_audit_trail():
    presession = PresessionFactory(status=P.PROPOSED)
    staff = UserFactory(is_staff=True)

    services.transition_presession(presession, P.CONFIRMED, actor=staff)

    latest = Presession.history.filter(id=presession.pk).latest()
    assert (latest.status, latest.history_user) == (P.CONFIRMED, staff)


def test_update_round_refuses_a_call_closing_before_it_opens_and_a_status():
    round_ = RoundFactory(call_opens_at=geneva(2031, 1, 1, 9, 0), call_closes_at=geneva(2031, 2, 1, 12, 0))

    with pytest.raises(services.RoundError) as refused:
        services.update_round(round_, call_closes_at=geneva(2030, 12, 1, 12, 0))
    assert (refused.value.code, str(refused.value)) == (
        "call_closes_at",
        "The call must close after it opens.",
    )
    with pytest.raises(services.RoundError):
        services.update_round(round_, status=R.ARCHIVED)
    round_.refresh_from_db()
    assert round_.call_closes_at == geneva(2031, 2, 1, 12, 0)


def test_extend_deadline_refuses_a_closing_before_the_call_whatever_the_entry_point(client):
    presession = PresessionFactory(round__call_closes_at=geneva(2031, 3, 1, 12, 0))
    round_ = presession.round
    staff = staff_user()

    with pytest.raises(services.RoundError) as refused:
        services.extend_deadline(round_=round_, review=presession.review, closes_at=geneva(2031, 2, 1, 12, 0))
    assert str(refused.value) == "An extension must close later than the call itself."

    client.force_login(staff)
    response = client.post(
        reverse("selection:extend_deadline", kwargs={"pk": presession.pk}),
        {"closes_at": "2031-02-01T12:00", "reason": "earlier"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "An extension must close later than the call itself."
    ]
    assert DeadlineExtension.objects.filter(round=round_).count() == 0

    services.extend_deadline(
        round_=round_, review=presession.review, closes_at=round_.call_closes_at + dt.timedelta(days=3)
    )
    assert DeadlineExtension.objects.get(round=round_).closes_at == geneva(2031, 3, 4, 12, 0)
