"""Applying pending decisions in bulk: the confirmation page, previews, mails, and concurrent decisions."""

import pytest
from django.urls import reverse

from core.models import OutboundMail
from speakers.models import Application, ApplicationEvent, Organisation
from speakers.selection.services import (
    StaleDecision,
    apply_pending_decisions,
    pending_fingerprint,
    record_pending_decision,
)


def confirm_url(w):
    return reverse("selection:confirm_decisions", kwargs={"pk": w.presession.pk})


def pend(w, application, decision):
    application.refresh_from_db()
    from speakers.selection.services import decision_version

    return record_pending_decision(
        application, decision=decision, actor=w.staff, expected_version=decision_version(application)
    )


def test_pending_decisions_send_nothing(review_world):
    pend(review_world, review_world.app_a, "selected")
    pend(review_world, review_world.app_b, "rejected")
    assert OutboundMail.objects.count() == 0
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted"}


def test_confirmation_page_lists_who_gets_what_with_mail_previews(client, review_world):
    pend(review_world, review_world.app_a, "selected")
    pend(review_world, review_world.app_b, "rejected")
    client.force_login(review_world.staff)
    response = client.get(confirm_url(review_world))
    assert response.status_code == 200
    pending = response.context["pending"]
    assert sorted((a.organisation.name, a.pending_decision) for a in pending) == [
        ("Alpha Rights", "selected"),
        ("Beta Watch", "rejected"),
    ]
    previews = {a.organisation.name: a.previews for a in pending}
    assert [(p["to"], p["language"]) for p in previews["Alpha Rights"]] == [
        (review_world.applicant_a.email, "fr"),
        (review_world.app_a.speaker_email, "fr"),
    ]
    assert previews["Alpha Rights"][0]["subject"].startswith("Pré-session sur ")
    assert previews["Beta Watch"][0]["language"] == "es"
    assert OutboundMail.objects.count() == 0


def test_applying_decisions_changes_statuses_and_queues_mails_in_each_language(client, review_world):
    pend(review_world, review_world.app_a, "selected")
    pend(review_world, review_world.app_b, "reserve")
    client.force_login(review_world.staff)
    fingerprint = client.get(confirm_url(review_world)).context["form"].initial["fingerprint"]
    response = client.post(confirm_url(review_world), {"fingerprint": fingerprint})
    assert response.status_code == 302
    review_world.app_a.refresh_from_db()
    review_world.app_b.refresh_from_db()
    assert (review_world.app_a.status, review_world.app_a.pending_decision) == ("selected", "")
    assert review_world.app_a.confirmation_deadline is not None
    assert (review_world.app_b.status, review_world.app_b.pending_decision) == ("reserve", "")
    assert list(
        ApplicationEvent.objects.filter(application=review_world.app_a).values_list("to_status", "actor")
    ) == [("selected", review_world.staff.pk)]
    mails = {m.recipient: m for m in OutboundMail.objects.all()}
    assert sorted(mails) == sorted(
        [
            review_world.applicant_a.email,
            review_world.app_a.speaker_email,
            review_world.applicant_b.email,
            review_world.app_b.speaker_email,
        ]
    )
    french = mails[review_world.applicant_a.email]
    assert french.language == "fr"
    assert "a été sélectionné" in french.text_body
    assert f"/my/applications/{review_world.app_a.token}/confirm/" in french.text_body
    spanish = mails[review_world.applicant_b.email]
    assert spanish.language == "es"
    assert "lista de reserva" in spanish.text_body


@pytest.mark.parametrize(
    ("decided", "message"),
    [
        (1, "1 decision applied; the mail is queued in the outbox."),
        (2, "2 decisions applied; the mails are queued in the outbox."),
    ],
)
def test_applying_decisions_says_how_many_in_the_right_plural(client, review_world, decided, message):
    for application in [review_world.app_a, review_world.app_b][:decided]:
        pend(review_world, application, "reserve")
    client.force_login(review_world.staff)
    fingerprint = client.get(confirm_url(review_world)).context["form"].initial["fingerprint"]

    response = client.post(confirm_url(review_world), {"fingerprint": fingerprint}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [message]


def test_decision_mails_escape_user_text_and_keep_subjects_on_one_line(review_world):
    Organisation.objects.filter(pk=review_world.org_a.pk).update(
        name='<script>alert("x")</script>\nBcc: evil@example.org'
    )
    review_world.applicant_a.language = "en"
    review_world.applicant_a.save()
    pend(review_world, review_world.app_a, "selected")
    pending = Application.objects.filter(pk=review_world.app_a.pk)
    apply_pending_decisions(
        review_world.presession, actor=review_world.staff, fingerprint=pending_fingerprint(pending)
    )
    mail = OutboundMail.objects.get(recipient=review_world.applicant_a.email)
    assert "<script>" not in mail.html_body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in mail.html_body
    assert "\n" not in mail.subject and "\r" not in mail.subject
    assert mail.subject.startswith("Pre-session on ")


def test_apply_refuses_when_the_pending_list_changed_since_the_page(client, review_world):
    pend(review_world, review_world.app_a, "selected")
    client.force_login(review_world.staff)
    fingerprint = client.get(confirm_url(review_world)).context["form"].initial["fingerprint"]
    pend(review_world, review_world.app_b, "rejected")  # a colleague adds a decision meanwhile
    response = client.post(confirm_url(review_world), {"fingerprint": fingerprint}, follow=True)
    assert (
        "The pending decisions changed since you opened the confirmation page." in response.content.decode()
    )
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted"}
    assert OutboundMail.objects.count() == 0


def test_two_staff_applying_the_same_decisions_one_wins(client, review_world):
    pend(review_world, review_world.app_a, "selected")
    client.force_login(review_world.staff)
    fingerprint = client.get(confirm_url(review_world)).context["form"].initial["fingerprint"]
    first = client.post(confirm_url(review_world), {"fingerprint": fingerprint})
    second = client.post(confirm_url(review_world), {"fingerprint": fingerprint}, follow=True)
    assert first.status_code == 302
    assert "There are no pending decisions to apply." in second.content.decode()
    assert ApplicationEvent.objects.filter(application=review_world.app_a, to_status="selected").count() == 1
    assert OutboundMail.objects.filter(recipient=review_world.applicant_a.email).count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_pending_decisions_on_one_application_one_wins(review_world):
    """Two committed transactions from the same board view: the second sees a stale version."""
    from speakers.selection.services import decision_version

    seen = decision_version(review_world.app_a)
    record_pending_decision(
        review_world.app_a, decision="selected", actor=review_world.staff, expected_version=seen
    )
    with pytest.raises(StaleDecision, match=r"now: Selected"):
        record_pending_decision(
            review_world.app_a, decision="rejected", actor=review_world.staff, expected_version=seen
        )
    review_world.app_a.refresh_from_db()
    assert review_world.app_a.pending_decision == "selected"


@pytest.mark.parametrize("rows", [1, 20])
def test_confirmation_page_query_count_is_constant(client, review_world, django_assert_num_queries, rows):
    from tests.factories.speakers import ApplicationFactory, applicant_for

    Application.objects.filter(presession=review_world.presession).delete()
    for _ in range(rows):
        application = ApplicationFactory(presession=review_world.presession, status="submitted")
        application.created_by = applicant_for(application.organisation)
        application.save()
        pend(review_world, application, "rejected")
    client.force_login(review_world.staff)
    with django_assert_num_queries(6):
        response = client.get(confirm_url(review_world))
    assert len(response.context["pending"]) == rows
    assert sum(len(a.previews) for a in response.context["pending"]) == 2 * rows
