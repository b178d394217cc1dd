"""Concurrent decisions on PostgreSQL: two threads apply the same pending decisions; one wins."""

import threading

import pytest

from speakers.models import Application, ApplicationEvent
from speakers.selection.services import (
    apply_pending_decisions,
    decision_version,
    pending_fingerprint,
    record_pending_decision,
)


def pend(w, application, decision):
    application.refresh_from_db()
    return record_pending_decision(
        application, decision=decision, actor=w.staff, expected_version=decision_version(application)
    )


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_concurrent_apply_in_two_threads_one_wins_on_postgresql(review_world):
    pend(review_world, review_world.app_a, "selected")
    fingerprint = pending_fingerprint(Application.objects.filter(pk=review_world.app_a.pk))
    barrier = threading.Barrier(2)
    outcomes = []

    def apply():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            apply_pending_decisions(
                review_world.presession, actor=review_world.staff, fingerprint=fingerprint
            )
            outcomes.append("applied")
        except Exception as error:  # noqa: BLE001
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["SelectionError", "applied"]
    assert ApplicationEvent.objects.filter(application=review_world.app_a, to_status="selected").count() == 1
