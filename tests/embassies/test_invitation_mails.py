"""Sending invitations: outbox mails in the recipient's language, with an .ics and the personal link."""

import pytest
from django.core import mail

from core.errors import DomainError
from core.models import OutboundMail
from embassies.invitations import delivery, services
from embassies.invitations.models import Invitation
from embassies.invitations.targeting import GuestRules, build_guest_list
from presessions.programme.calendar import event_uid
from tests.factories.embassies import DiplomatFactory
from tests.factories.presessions import PresessionFactory, ReviewFactory, StateFactory, geneva
from tests.factories.programme import RoomFactory

pytestmark = pytest.mark.django_db


def _mails():
    return {m.to[0]: m for m in mail.outbox}


def _ics(message):
    content = message.attachments[0][1]
    return content.decode() if isinstance(content, bytes) else content


@pytest.fixture
def alpha_guests(panel):
    alpha = panel.missions["Alphaland"]
    DiplomatFactory(mission=alpha, name="Ana Pérez", email="ana@alpha.example.org", language="en")
    DiplomatFactory(mission=alpha, name="Alain Roux", email="alain@alpha.example.org", language="fr")
    rules = GuestRules(recommended=True, issues=[panel.water])
    services.add_guests(panel.presession, build_guest_list(panel.presession, rules))
    return alpha


def test_send_invitations_mails_each_diplomat_in_their_language_with_ics(
    panel, alpha_guests, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = delivery.send_invitations([panel.presession.pk])

    mails = _mails()
    own = panel.missions["Surland"].email
    assert (result.invitations, result.mails, result.without_address) == (2, 3, 0)
    assert sorted(mails) == sorted(["ana@alpha.example.org", "alain@alpha.example.org", own])
    assert mails["ana@alpha.example.org"].subject == "Invitation: Pre-session on Surland"
    assert mails["alain@alpha.example.org"].subject == "Invitation : pré-session sur Surland"
    invitation = Invitation.objects.get(mission=alpha_guests)
    body = mails["ana@alpha.example.org"].body
    assert body.startswith("Dear Ana Pérez,\n")
    assert f"Your answer: http://127.0.0.1:8000/i/{invitation.token}/\n" in body
    assert "Monday 1 March 2027, 10:00–11:00 (Geneva time)" in body
    assert "In the 3rd cycle your delegation made 2 recommendations on these issues" in body
    assert "offered a 2-minute opening" in mails[own].body
    assert "offered a 2-minute opening" not in body
    ics = _ics(mails["alain@alpha.example.org"])
    assert mails["ana@alpha.example.org"].attachments[0][0] == "invitation.ics"
    assert "METHOD:REQUEST" in ics
    assert f"UID:{event_uid(panel.presession)}" in ics
    assert "mailto:alain@alpha.example.org" in ics.replace("\r\n ", "")
    assert "SUMMARY:Pré-session sur Surland" in ics
    assert invitation.status == "sent" and invitation.sent_sequence == 0


def test_send_invitations_again_queues_nothing(panel, alpha_guests, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_invitations([panel.presession.pk])
        again = delivery.send_invitations([panel.presession.pk])

    assert (again.invitations, again.mails) == (0, 0)
    assert OutboundMail.objects.count() == 3
    assert len(mail.outbox) == 3


def test_mission_invited_to_two_panels_gets_one_mail_listing_both(
    panel, alpha_guests, django_capture_on_commit_callbacks
):
    other = PresessionFactory(
        round=panel.presession.round,
        review=ReviewFactory(session=panel.presession.round.session, state=StateFactory(name_en="Otherland")),
        starts_at=geneva(2027, 3, 2, 15, 0),
        ends_at=geneva(2027, 3, 2, 16, 0),
        room=RoomFactory(round=panel.presession.round, name="Room XX", mode="in_person", meeting_url=""),
    )
    services.add_guests(other, build_guest_list(other, GuestRules(missions=[alpha_guests])))

    with django_capture_on_commit_callbacks(execute=True):
        result = delivery.send_invitations([panel.presession.pk, other.pk])

    message = _mails()["ana@alpha.example.org"]
    assert (result.invitations, result.mails) == (3, 3)
    assert message.subject == "Invitation: 2 Pre-sessions (Pre-sessions 110)"
    assert message.body.count("Your answer: http://127.0.0.1:8000/i/") == 2
    assert _ics(message).count("BEGIN:VEVENT") == 2
    assert f"UID:{event_uid(other)}" in _ics(message)


def test_send_invitations_refuses_a_panel_not_yet_placed(panel, alpha_guests):
    panel.presession.starts_at = None
    panel.presession.save()

    with pytest.raises(DomainError, match="Place these panels in the programme before inviting: Surland."):
        delivery.send_invitations([panel.presession.pk])

    assert Invitation.objects.filter(status="sent").count() == 0


def test_mission_without_diplomats_or_address_is_counted_not_mailed(
    panel, django_capture_on_commit_callbacks
):
    beta = panel.missions["Betaland"]
    beta.email = ""
    beta.save()
    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(missions=[beta])))

    with django_capture_on_commit_callbacks(execute=True):
        result = delivery.send_invitations([panel.presession.pk])

    assert (result.invitations, result.mails, result.without_address) == (2, 1, 1)


def test_invitation_html_escapes_diplomat_free_text(panel, django_capture_on_commit_callbacks):
    beta = panel.missions["Betaland"]
    DiplomatFactory(mission=beta, name="<img src=x onerror=alert(1)>", email="evil@beta.example.org")
    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(missions=[beta])))

    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_invitations([panel.presession.pk])

    html = _mails()["evil@beta.example.org"].alternatives[0][0]
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_invitation_task_runs_the_service(panel, alpha_guests, django_capture_on_commit_callbacks):
    from embassies.invitations.tasks import send_invitations

    with django_capture_on_commit_callbacks(execute=True):
        queued = send_invitations.delay(presession_ids=[panel.presession.pk]).get()

    assert queued == 3
