"""Invitations against real PostgreSQL, Redis and Celery worker processes: the worker that builds and
delivers an invitation batch is killed mid-batch and restarted; every invitation mail reaches the SMTP
sink exactly once (counted by ``Message-ID``), and every invitation is marked sent once."""

import pytest

from core.models import OutboundMail
from embassies.invitations import services
from embassies.invitations.models import Invitation
from embassies.invitations.targeting import GuestRules, build_guest_list
from embassies.invitations.tasks import send_invitations
from tests.factories.embassies import DiplomatFactory, MissionFactory
from tests.factories.presessions import PresessionFactory, StateFactory, geneva
from tests.factories.programme import RoomFactory
from tests.integration.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

Status = OutboundMail.Status
MISSIONS = 24  # 24 Missions × 2 diplomats + the SuR's generic address = 49 mails


def _status_counts():
    rows = list(OutboundMail.objects.values_list("status", flat=True))
    return {status: rows.count(status) for status in Status.values}


def _panel_with_guests():
    presession = PresessionFactory(
        status="confirmed", starts_at=geneva(2027, 3, 1, 10, 0), ends_at=geneva(2027, 3, 1, 11, 0)
    )
    presession.room = RoomFactory(round=presession.round)
    presession.save()
    MissionFactory(state=presession.review.state)
    missions = [MissionFactory(state=StateFactory()) for _ in range(MISSIONS)]
    for mission in missions:
        DiplomatFactory(mission=mission, language="en")
        DiplomatFactory(mission=mission, language="fr")
    services.add_guests(presession, build_guest_list(presession, GuestRules(missions=missions)))
    return presession


def test_invitation_batch_worker_killed_mid_batch_delivers_every_invitation_once(smtp_sink, start_worker):
    presession = _panel_with_guests()
    smtp_sink.close_gate_after(10)
    worker = start_worker()

    send_invitations.delay(presession_ids=[presession.pk])

    wait_for(
        lambda: (
            smtp_sink.held >= 1
            and OutboundMail.objects.filter(status=Status.SENT).count() == smtp_sink.delivered_count() == 10
            and OutboundMail.objects.filter(status=Status.SENDING).count() == smtp_sink.held
        ),
        timeout=90,
        message=f"the batch did not reach the gate: {_status_counts()}, held {smtp_sink.held}",
    )
    worker.kill()
    at_kill = _status_counts()
    smtp_sink.open_gate()
    wait_for(
        lambda: smtp_sink.dropped == smtp_sink.held, timeout=10, message="held messages were not dropped"
    )
    assert at_kill[Status.SENT] == 10 and at_kill[Status.SENDING] >= 1
    assert sum(at_kill.values()) == 2 * MISSIONS + 1

    worker = start_worker()
    # The staff press "send" again after the crash: nothing new is queued.
    send_invitations.delay(presession_ids=[presession.pk])
    wait_for(
        lambda: OutboundMail.objects.filter(status=Status.SENT).count() == 2 * MISSIONS + 1,
        timeout=120,
        message=f"not every invitation was sent: {_status_counts()}\n{worker.log_tail()}",
    )

    counts = smtp_sink.message_id_counts()
    assert set(counts) == set(OutboundMail.objects.values_list("message_id", flat=True))
    assert {message_id: n for message_id, n in counts.items() if n != 1} == {}
    assert OutboundMail.objects.count() == 2 * MISSIONS + 1
    assert Invitation.objects.filter(status="sent").count() == MISSIONS + 1
    with smtp_sink._lock:
        deliveries = list(smtp_sink.deliveries)
    assert all(b"METHOD:REQUEST" in delivery["data"] for delivery in deliveries)
