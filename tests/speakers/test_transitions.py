import itertools

import pytest

from speakers.applications.services import InvalidTransition, apply_decision, transition_application
from speakers.models import Application, ApplicationEvent
from tests.factories.core import UserFactory
from tests.factories.speakers import ApplicationFactory

pytestmark = pytest.mark.django_db
S = Application.Status

ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.WITHDRAWN),
    (S.SUBMITTED, S.SELECTED),
    (S.SUBMITTED, S.RESERVE),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.SELECTED, S.CONFIRMED),
    (S.SELECTED, S.DECLINED),
    (S.SELECTED, S.WITHDRAWN),
    (S.RESERVE, S.SELECTED),
    (S.RESERVE, S.REJECTED),
    (S.RESERVE, S.WITHDRAWN),
    (S.CONFIRMED, S.WITHDRAWN),
}
ALL_PAIRS = list(itertools.product(S.values, S.values))

STAMP = {
    S.SUBMITTED: "submitted_at",
    S.SELECTED: "decided_at",
    S.RESERVE: "decided_at",
    S.REJECTED: "decided_at",
    S.CONFIRMED: "confirmed_at",
    S.DECLINED: "declined_at",
    S.WITHDRAWN: "withdrawn_at",
}


def test_transition_table_matches_the_issue():
    table = {(a, b) for a, targets in Application.TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_transition_application_allowed_writes_status_stamp_and_event(source, target):
    application = ApplicationFactory(status=source)
    actor = UserFactory()

    result = transition_application(application, target, actor=actor, note="why")

    result.refresh_from_db()
    assert result.status == target
    assert getattr(result, STAMP[target]) is not None
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status, event.actor, event.note) == (source, target, actor, "why")
    assert result.history.first().status == target


@pytest.mark.parametrize(("source", "target"), sorted(set(ALL_PAIRS) - ALLOWED))
def test_transition_application_refused_changes_nothing(source, target):
    application = ApplicationFactory(status=source)

    with pytest.raises(InvalidTransition) as error:
        transition_application(application, target, actor=None)

    application.refresh_from_db()
    assert application.status == source
    assert ApplicationEvent.objects.filter(application=application).count() == 0
    assert error.value.from_status == source
    assert str(S(source).label) in str(error.value)


def test_transition_application_uses_the_locked_row_not_the_stale_instance():
    application = ApplicationFactory(status=S.SUBMITTED)
    stale = Application.objects.get(pk=application.pk)
    transition_application(application, S.WITHDRAWN, actor=None)

    with pytest.raises(InvalidTransition):
        transition_application(stale, S.SELECTED, actor=None)


def test_apply_decision_concurrent_second_decision_gets_clear_error():
    application = ApplicationFactory(status=S.SUBMITTED, pending_decision=S.SELECTED)
    first = Application.objects.get(pk=application.pk)
    second = Application.objects.get(pk=application.pk)
    second.pending_decision = S.REJECTED

    apply_decision(first, actor=None)
    with pytest.raises(InvalidTransition) as error:
        apply_decision(second, actor=None)

    application.refresh_from_db()
    assert application.status == S.SELECTED
    assert application.pending_decision == ""
    assert "Selected" in str(error.value)
