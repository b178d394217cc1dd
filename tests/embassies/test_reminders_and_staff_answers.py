"""Reminders (by staff or the beat job, once per reminder, stop after an answer), answers recorded by
staff, calendar updates on programme changes, and the staff actions on a guest list."""

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from embassies.invitations import delivery, services
from embassies.invitations.models import Invitation, Reminder
from presessions.programme.signals import panel_changed
from tests.factories.core import UserFactory
from tests.factories.presessions import geneva

pytestmark = pytest.mark.django_db


def _recipients():
    return sorted(m.to[0] for m in mail.outbox)


def test_reminder_reaches_only_those_who_have_not_answered(sent, panel, django_capture_on_commit_callbacks):
    services.record_rsvp(sent["Alphaland"], response="yes", delegates=1, channel="link")

    with django_capture_on_commit_callbacks(execute=True):
        reminder = delivery.send_reminder(panel.presession)

    assert _recipients() == sorted([panel.missions["Surland"].email, panel.missions["Gammaland"].email])
    assert reminder.recipients == 2
    assert mail.outbox[0].subject == "Reminder: Pre-session on Surland"


def test_automatic_reminder_goes_once_per_panel_and_only_when_due(
    sent, panel, django_capture_on_commit_callbacks
):
    with time_machine.travel(geneva(2027, 2, 20, 9, 0)):
        early = delivery.send_due_reminders()
    with time_machine.travel(geneva(2027, 2, 28, 9, 0)), django_capture_on_commit_callbacks(execute=True):
        due = delivery.send_due_reminders()
        again = delivery.send_due_reminders()

    assert (early, due, again) == (0, 1, 0)
    assert Reminder.objects.get().kind == "automatic"
    assert len(mail.outbox) == 4  # Surland, Gammaland, and Alphaland's two diplomats


def test_a_second_reminder_by_staff_reminds_again_but_a_reminder_never_mails_twice(
    sent, panel, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = delivery.send_reminder(panel.presession)
        second = delivery.send_reminder(panel.presession)

    per_recipient = {}
    for message in mail.outbox:
        per_recipient[message.to[0]] = per_recipient.get(message.to[0], 0) + 1
    assert (first.recipients, second.recipients) == (4, 4)
    assert sorted(per_recipient.values()) == [2, 2, 2, 2]


def test_staff_record_an_answer_with_channel_who_and_when(sent, staff, client):
    invitation = sent["Gammaland"]

    with time_machine.travel(geneva(2027, 2, 25, 14, 30), tick=False):
        client.force_login(staff)
        response = client.post(
            reverse("embassies:invitation_answer", args=[invitation.presession.token, invitation.pk]),
            {
                "response": "yes",
                "delegates": "3",
                "mode": "in_person",
                "channel": "note_verbale",
                "note": "NV 12/27",
            },
        )

    invitation.refresh_from_db()
    assert response.status_code == 302
    assert (invitation.response, invitation.delegates, invitation.answer_channel) == (
        "yes",
        3,
        "note_verbale",
    )
    assert (invitation.recorded_by, invitation.answered_at) == (staff, geneva(2027, 2, 25, 14, 30))
    assert invitation.answer_note == "NV 12/27"


def test_revoking_a_link_sends_the_new_one(sent, staff, client, django_capture_on_commit_callbacks):
    client.force_login(staff)
    invitation = sent["Gammaland"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("embassies:invitation_link", args=[invitation.presession.token, invitation.pk]),
            {"action": "revoke"},
        )

    new_token = Invitation.objects.get(pk=invitation.pk).token
    assert new_token != invitation.token
    assert [m.to[0] for m in mail.outbox] == [invitation.mission.email]
    assert f"/i/{new_token}/" in mail.outbox[0].body


def test_staff_send_button_queues_the_panel_invitations(
    panel, staff, client, django_capture_on_commit_callbacks
):
    from embassies.invitations.targeting import GuestRules, build_guest_list

    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(every=True)))
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("embassies:guest_send", args=[panel.presession.token]))

    assert response.status_code == 302
    assert Invitation.objects.filter(status="sent").count() == 4
    assert len(mail.outbox) == 4


def test_staff_actions_refuse_anyone_but_staff(sent, client):
    client.force_login(UserFactory(is_diplomat=True))
    token = sent["Surland"].presession.token

    codes = [
        client.post(reverse("embassies:guest_send", args=[token])).status_code,
        client.post(reverse("embassies:guest_remind", args=[token])).status_code,
        client.post(
            reverse("embassies:invitation_link", args=[token, sent["Surland"].pk]), {"action": "revoke"}
        ).status_code,
    ]

    assert codes == [403, 403, 403]
    assert len(mail.outbox) == 0


def test_panel_changed_sends_updated_calendars_with_the_raised_sequence(
    sent, panel, django_capture_on_commit_callbacks
):
    services.record_rsvp(sent["Gammaland"], response="no", channel="link")
    presession = panel.presession
    presession.starts_at, presession.ends_at = geneva(2027, 3, 1, 14, 0), geneva(2027, 3, 1, 15, 0)
    presession.calendar_sequence = 1
    presession.save()

    with django_capture_on_commit_callbacks(execute=True):
        panel_changed.send(sender=type(presession), presession=presession)
    with django_capture_on_commit_callbacks(execute=True):
        panel_changed.send(sender=type(presession), presession=presession)

    ics = mail.outbox[0].attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert _recipients() == sorted(
        ["ana@alpha.example.org", "alain@alpha.example.org", panel.missions["Surland"].email]
    )
    assert (
        "SEQUENCE:1" in ics
        and "METHOD:REQUEST" in ics
        and "DTSTART;TZID=Europe/Zurich:20270301T140000" in ics
    )
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["ana@alpha.example.org"] == "Changed: Pre-session on Surland"
    assert subjects["alain@alpha.example.org"] == "Modifiée : pré-session sur Surland"


def test_panel_cancelled_sends_cancel_to_everyone_invited(sent, panel, django_capture_on_commit_callbacks):
    services.record_rsvp(sent["Gammaland"], response="no", channel="link")
    presession = panel.presession
    presession.status, presession.calendar_sequence = "cancelled", 2
    presession.save()

    with django_capture_on_commit_callbacks(execute=True):
        panel_changed.send(sender=type(presession), presession=presession)

    ics = mail.outbox[0].attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert len(mail.outbox) == 4
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics and "SEQUENCE:2" in ics


def test_a_release_that_moves_a_panel_updates_the_invitations_calendars(
    sent, panel, django_capture_on_commit_callbacks
):
    from presessions.programme.releases import publish_release
    from tests.factories.programme import RoundDayFactory

    round_ = panel.presession.round
    RoundDayFactory(round=round_, date=geneva(2027, 3, 1, 0, 0).date())
    with django_capture_on_commit_callbacks(execute=True):
        publish_release(round_)
    mail.outbox.clear()
    presession = panel.presession
    presession.refresh_from_db()
    presession.starts_at, presession.ends_at = geneva(2027, 3, 1, 15, 0), geneva(2027, 3, 1, 16, 0)
    presession.save()

    with django_capture_on_commit_callbacks(execute=True):
        publish_release(round_)

    updates = [m for m in mail.outbox if m.subject == "Changed: Pre-session on Surland"]
    ics = updates[0].attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert sorted(m.to[0] for m in updates) == sorted(
        [panel.missions["Surland"].email, panel.missions["Gammaland"].email, "ana@alpha.example.org"]
    )
    assert "DTSTART;TZID=Europe/Zurich:20270301T150000" in ics
    assert f"SEQUENCE:{presession.calendar_sequence + 1}" in ics
