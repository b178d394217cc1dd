"""Selected speakers confirm or decline; reminders by the periodic job; a vacancy suggests a reserve."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.models import OutboundMail
from speakers.applications import services
from speakers.models import Application, ApplicationEvent
from speakers.selection.services import (
    apply_pending_decisions,
    decision_version,
    pending_fingerprint,
    record_pending_decision,
    send_confirmation_reminders,
)
from speakers.selection.tasks import send_confirmation_reminders as reminder_task
from tests.factories.presessions import IssueFactory
from tests.factories.review import AssessmentFactory, reviewer_user
from tests.factories.speakers import ApplicationFactory


def decide(w, outcomes):
    """Record and apply decisions through the services, as staff would on the board."""
    for application, outcome in outcomes:
        application.refresh_from_db()
        record_pending_decision(
            application, decision=outcome, actor=w.staff, expected_version=decision_version(application)
        )
    pending = Application.objects.filter(presession=w.presession).exclude(pending_decision="")
    apply_pending_decisions(w.presession, actor=w.staff, fingerprint=pending_fingerprint(pending))
    for application, _outcome in outcomes:
        application.refresh_from_db()


def respond_url(application):
    return reverse("selection:respond", kwargs={"token": application.token})


def test_selected_speaker_confirms(client, review_world):
    decide(review_world, [(review_world.app_a, "selected")])
    client.force_login(review_world.applicant_a)
    page = client.get(respond_url(review_world.app_a))
    assert "Veuillez répondre d’ici le" in page.content.decode()  # the applicant reads French
    response = client.post(respond_url(review_world.app_a), {"answer": "confirm"})
    assert response.status_code == 302
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == "confirmed"
    assert list(
        ApplicationEvent.objects.filter(application=review_world.app_a).values_list("to_status", flat=True)
    ) == [
        "selected",
        "confirmed",
    ]


def test_decline_tells_staff_with_the_best_reserve(client, review_world):
    reserve_low = ApplicationFactory(
        presession=review_world.presession, status="submitted", issues=[IssueFactory()]
    )
    reserve_high = ApplicationFactory(
        presession=review_world.presession, status="submitted", issues=[IssueFactory()]
    )
    AssessmentFactory(reviewer=reviewer_user(), application=reserve_low, total=40)
    AssessmentFactory(reviewer=reviewer_user(), application=reserve_high, total=85)
    decide(
        review_world, [(review_world.app_a, "selected"), (reserve_low, "reserve"), (reserve_high, "reserve")]
    )
    client.force_login(review_world.applicant_a)
    client.post(respond_url(review_world.app_a), {"answer": "decline", "reason": "Visa refused"})
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == "declined"
    notice = OutboundMail.objects.get(recipient=review_world.staff.email)
    assert notice.subject == f"A place is free on the panel on {review_world.presession.review.state.name_en}"
    assert f"Suggested replacement from the reserve list: {reserve_high.organisation.name} (score 85.0)." in (
        notice.text_body
    )
    assert "Reason given: Visa refused" in notice.text_body
    client.force_login(review_world.staff)
    board = client.get(reverse("selection:board", kwargs={"pk": review_world.presession.pk}))
    assert board.context["reserve"].pk == reserve_high.pk


def test_best_reserve_prefers_a_new_theme_over_a_higher_score(review_world):
    from speakers.selection.balance import best_reserve
    from speakers.selection.selectors import board_applications

    theme = IssueFactory()
    overlapping = ApplicationFactory(presession=review_world.presession, status="submitted", issues=[theme])
    fresh = ApplicationFactory(
        presession=review_world.presession, status="submitted", issues=[IssueFactory()]
    )
    AssessmentFactory(reviewer=reviewer_user(), application=overlapping, total=95)
    AssessmentFactory(reviewer=reviewer_user(), application=fresh, total=60)
    review_world.app_b.issues.add(theme)
    decide(review_world, [(review_world.app_b, "selected"), (overlapping, "reserve"), (fresh, "reserve")])
    assert best_reserve(board_applications(review_world.presession)).pk == fresh.pk


def test_withdrawal_of_a_selected_speaker_shows_the_reserve_on_the_board(client, review_world):
    decide(review_world, [(review_world.app_a, "selected"), (review_world.app_b, "reserve")])
    services.withdraw_application(review_world.app_a, actor=review_world.applicant_a, reason="Speaker ill")
    client.force_login(review_world.staff)
    board = client.get(reverse("selection:board", kwargs={"pk": review_world.presession.pk}))
    assert board.context["reserve"].pk == review_world.app_b.pk
    assert "Best reserve: Beta Watch" in board.content.decode()
    vacancy = OutboundMail.objects.get(idempotency_key__startswith="panel-vacancy:")
    assert vacancy.recipient == review_world.staff.email
    assert "Suggested replacement from the reserve list: Beta Watch" in vacancy.text_body
    assert "Reason given: Speaker ill" in vacancy.text_body


def test_withdrawal_of_a_submitted_application_sends_no_vacancy_notice(review_world):
    services.withdraw_application(review_world.app_a, actor=review_world.applicant_a, reason="Changed plans")
    assert not OutboundMail.objects.filter(idempotency_key__startswith="panel-vacancy:").exists()


def test_confirming_after_the_deadline_is_refused(client, review_world):
    decide(review_world, [(review_world.app_a, "selected")])
    client.force_login(review_world.applicant_a)
    with time_machine.travel(review_world.app_a.confirmation_deadline + dt.timedelta(minutes=1)):
        response = client.post(respond_url(review_world.app_a), {"answer": "confirm"}, follow=True)
    assert "Le délai de confirmation a pris fin le" in response.content.decode()
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == "selected"


def test_confirmation_deadline_is_end_of_day_geneva_time(review_world):
    with time_machine.travel(dt.datetime(2031, 3, 25, 9, 0, tzinfo=dt.UTC)):
        decide(review_world, [(review_world.app_a, "selected")])
    local = timezone.localtime(review_world.app_a.confirmation_deadline)
    assert (local.date(), local.hour, local.minute) == (dt.date(2031, 4, 1), 23, 59)
    assert local.utcoffset() == dt.timedelta(hours=2)  # CEST after the 30 March change


def reminder_keys():
    return sorted(
        OutboundMail.objects.filter(idempotency_key__startswith="confirmation-reminder:").values_list(
            "idempotency_key", flat=True
        )
    )


def test_reminders_are_sent_once_per_number(review_world):
    decide(review_world, [(review_world.app_a, "selected"), (review_world.app_b, "selected")])
    services.confirm_participation(review_world.app_b, actor=review_world.applicant_b)
    deadline = review_world.app_a.confirmation_deadline
    pk = review_world.app_a.pk
    emails = sorted([review_world.applicant_a.email, review_world.app_a.speaker_email])
    with time_machine.travel(deadline - dt.timedelta(days=5)):
        assert send_confirmation_reminders() == 0
    with time_machine.travel(deadline - dt.timedelta(days=3)):
        send_confirmation_reminders()
        send_confirmation_reminders()
    assert reminder_keys() == [f"confirmation-reminder:{pk}:1:{email}" for email in emails]
    with time_machine.travel(deadline - dt.timedelta(hours=12)):
        reminder_task.delay()
    assert reminder_keys() == sorted(
        [f"confirmation-reminder:{pk}:{n}:{email}" for n in (1, 2) for email in emails]
    )
    with time_machine.travel(deadline + dt.timedelta(hours=1)):
        assert send_confirmation_reminders() == 0
    french = OutboundMail.objects.get(
        idempotency_key=f"confirmation-reminder:{pk}:1:{review_world.applicant_a.email}"
    )
    assert french.language == "fr"
    assert french.subject.startswith("Rappel : veuillez confirmer")


def test_reminder_job_is_scheduled_by_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["speakers-confirmation-reminders"]
    assert entry["task"] == "speakers.send_confirmation_reminders"
    assert reminder_task.name == "speakers.send_confirmation_reminders"


@pytest.mark.parametrize("status", ["submitted", "confirmed"])
def test_respond_refuses_an_application_not_waiting_for_confirmation(client, review_world, status):
    if status == "confirmed":
        decide(review_world, [(review_world.app_a, "selected")])
        services.confirm_participation(review_world.app_a, actor=review_world.applicant_a)
    client.force_login(review_world.applicant_a)
    response = client.post(respond_url(review_world.app_a), {"answer": "decline"}, follow=True)
    assert "Cette candidature n’attend pas de confirmation." in response.content.decode()
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == status


@pytest.mark.parametrize("offset,status", [(-1, "confirmed"), (0, "confirmed"), (1, "selected")])
def test_confirmation_deadline_boundary_across_the_autumn_dst_change(client, review_world, offset, status):
    # Decided on Monday 20 October 2031 (CEST): the deadline is 27 October 23:59 CET, after the change.
    with time_machine.travel(dt.datetime(2031, 10, 20, 8, 0, tzinfo=dt.UTC)):
        decide(review_world, [(review_world.app_a, "selected")])
    deadline = review_world.app_a.confirmation_deadline
    assert deadline == dt.datetime(2031, 10, 27, 22, 59, tzinfo=dt.UTC)
    with time_machine.travel(deadline + dt.timedelta(seconds=offset), tick=False):
        client.force_login(review_world.applicant_a)
        client.post(respond_url(review_world.app_a), {"answer": "confirm"})
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.status == status


def test_application_page_of_a_selected_speaker_links_to_confirm_or_decline(client, review_world):
    client.force_login(review_world.applicant_a)
    detail = reverse("applications:application_detail", kwargs={"token": review_world.app_a.token})
    before = client.get(detail).content.decode()
    decide(review_world, [(review_world.app_a, "selected")])

    after = client.get(detail).content.decode()

    link = f'<a class="button" href="{respond_url(review_world.app_a)}">'
    assert link not in before
    assert link in after  # the applicant reads French: the label is translated
