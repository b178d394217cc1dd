"""Concurrent requests on PostgreSQL: row locks make double clicks and racing decisions safe.

Marked ``integration``: run with ``make test-integration`` (real PostgreSQL; SQLite serialises writers).
"""

import threading
import uuid

import pytest
from django.db import connection

from speakers.applications import services
from speakers.models import Application, ApplicationEvent
from tests.factories.speakers import ApplicationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def race(*calls):
    """Run the callables at the same moment in threads; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (the test inspects it)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_double_clicked_submit_submits_once(world):
    draft = world.draft_a

    results = race(
        lambda: services.submit_application(draft, actor=world.applicant_a),
        lambda: services.submit_application(draft, actor=world.applicant_a),
    )

    assert [r.status for r in results] == ["submitted", "submitted"]
    assert ApplicationEvent.objects.filter(application=draft, to_status="submitted").count() == 1


def test_two_drafts_for_the_same_sur_one_wins(world):
    results = race(
        lambda: services.create_draft_application(
            presession=world.other_presession,
            organisation=world.org_b,
            user=world.applicant_b,
            form_token=uuid.uuid4(),
        ),
        lambda: services.create_draft_application(
            presession=world.other_presession,
            organisation=world.org_b,
            user=world.applicant_b,
            form_token=uuid.uuid4(),
        ),
    )

    assert sorted(type(r).__name__ for r in results) == ["Application", "DuplicateApplication"]
    assert (
        Application.objects.filter(organisation=world.org_b, presession=world.other_presession).count() == 1
    )


def test_concurrent_decisions_one_wins_the_other_gets_a_clear_error(world):
    application = ApplicationFactory(presession=world.other_presession, status="submitted")
    selected = Application.objects.get(pk=application.pk)
    selected.pending_decision = "selected"
    rejected = Application.objects.get(pk=application.pk)
    rejected.pending_decision = "rejected"

    results = race(
        lambda: services.apply_decision(selected, actor=world.staff),
        lambda: services.apply_decision(rejected, actor=world.staff),
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], services.InvalidTransition)
    assert "cannot become" in str(errors[0])
    assert ApplicationEvent.objects.filter(application=application).count() == 1
