import datetime as dt
import io
import uuid
import zipfile

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from presessions.models import Round
from speakers.applications import services
from speakers.applications.selectors import applications_of
from speakers.models import Application, ApplicationEvent
from tests.factories.presessions import CallQuestionFactory, DeadlineExtensionFactory, IssueFactory, geneva
from tests.factories.speakers import ApplicationFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC
SCRIPT = "<script>alert('x')</script>"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


def form_data(world, **overrides):
    issue = IssueFactory()
    data = {
        "submission_mode": "alone",
        "submission_reference": "JS3 with partners",
        "issues": [issue.pk],
        "speaker_name": "Amina Diallo",
        "speaker_position": "Director",
        "speaker_email": "amina@example.org",
        "speaker_gender": "woman",
        "speaker_languages": ["fr", "en"],
        "participation": "online",
        "consent_publish_name": "on",
    }
    data.update(overrides)
    return data


# --- start, duplicate, double-click ----------------------------------------------------------------


def test_start_application_double_click_creates_one_draft(world, client):
    client.force_login(world.applicant_b)
    url = reverse("applications:application_start", kwargs={"presession_token": world.other_presession.token})
    token = str(uuid.uuid4())

    first = client.post(url, {"organisation": world.org_b.pk, "form_token": token})
    second = client.post(url, {"organisation": world.org_b.pk, "form_token": token})

    application = Application.objects.get(organisation=world.org_b, presession=world.other_presession)
    assert (
        first["Location"]
        == second["Location"]
        == reverse("applications:application_edit", args=[application.token])
    )
    assert application.events.count() == 1


def test_second_application_for_same_sur_is_refused_with_message(world, client):
    client.force_login(world.applicant_a)
    url = reverse("applications:application_start", kwargs={"presession_token": world.presession.token})

    response = client.post(
        url, {"organisation": world.org_a.pk, "form_token": str(uuid.uuid4())}, follow=True
    )

    assert Application.objects.filter(organisation=world.org_a, presession=world.presession).count() == 1
    assert "Org A has already applied for the Pre-session on" in response.content.decode()


def test_same_organisation_may_apply_for_several_surs(world):
    application = services.create_draft_application(
        presession=world.other_presession, organisation=world.org_b, user=world.applicant_b
    )
    assert application.status == Application.Status.DRAFT
    assert world.org_b.applications.count() == 2


def test_withdrawn_application_does_not_block_a_new_one(world):
    services.withdraw_application(world.application_a, actor=world.applicant_a, reason="Speaker ill")

    again = services.create_draft_application(
        presession=world.presession, organisation=world.org_a, user=world.applicant_a
    )

    assert again.status == Application.Status.DRAFT


def test_database_refuses_two_live_applications(world):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Application.objects.create(presession=world.presession, organisation=world.org_a)


# --- editing and submitting ------------------------------------------------------------------------


def test_edit_draft_saves_everything_and_answers(world, client):
    text_q = CallQuestionFactory(round=world.round, kind="text", required=True)
    choice_q = CallQuestionFactory(round=world.round, kind="choice", choices="One\nTwo")
    yes_q = CallQuestionFactory(round=world.round, kind="yes_no")
    file_q = CallQuestionFactory(round=world.round, kind="file")
    client.force_login(world.applicant_a)
    data = form_data(
        world,
        **{
            f"question_{text_q.pk}": "Our answer",
            f"question_{choice_q.pk}": "Two",
            f"question_{yes_q.pk}": "true",
            f"question_{file_q.pk}": SimpleUploadedFile("annex.odt", odt_bytes()),
            "submission_file": SimpleUploadedFile("submission.pdf", b"%PDF-1.7\n..."),
        },
    )

    response = client.post(reverse("applications:application_edit", args=[world.draft_a.token]), data)

    assert response.status_code == 302
    draft = Application.objects.get(pk=world.draft_a.pk)
    assert (draft.speaker_name, draft.participation, draft.speaker_languages) == (
        "Amina Diallo",
        "online",
        ["fr", "en"],
    )
    assert draft.submission_file.name.startswith("applications/submissions/")
    assert (
        draft.submission_file.name.endswith(".pdf")
        and "submission" not in draft.submission_file.name.split("/")[-1]
    )
    answers = {a.question_id: a.value for a in draft.answers.all()}
    assert answers[text_q.pk] == "Our answer"
    assert answers[choice_q.pk] == "Two"
    assert answers[yes_q.pk] is True
    assert answers[file_q.pk].endswith(".odt")


def test_submit_refuses_incomplete_draft(world, client):
    CallQuestionFactory(round=world.round, label_en="Your mandate?", required=True)
    client.force_login(world.applicant_a)

    response = client.post(
        reverse("applications:application_submit", args=[world.draft_a.token]), follow=True
    )

    # Back on the form, whose summary links each missing item to its field (test_application_form.py).
    assert response.redirect_chain[-1][0].endswith(f"/{world.draft_a.token}/edit/?check=1")
    assert ">Your mandate?</a></li>" in response.content.decode()
    assert Application.objects.get(pk=world.draft_a.pk).status == "draft"


def test_submit_sends_one_confirmation_in_applicant_language_even_when_double_clicked(
    world, client, django_capture_on_commit_callbacks
):
    world.applicant_a.language = "fr"
    world.applicant_a.save()
    client.force_login(world.applicant_a)
    url = reverse("applications:application_submit", args=[world.draft_a.token])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        second = client.post(url)

    draft = Application.objects.get(pk=world.draft_a.pk)
    assert draft.status == "submitted"
    assert second.status_code == 302
    assert draft.events.filter(to_status="submitted").count() == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted({"a@example.org", draft.speaker_email})
    assert all(m.subject.startswith("Candidature reçue") for m in mail.outbox)


def test_submitted_application_is_no_longer_editable(world):
    with pytest.raises(services.ApplicationError):
        services.update_draft_application(world.application_a, user=world.applicant_a, speaker_name="X")


# --- deadline in Europe/Zurich across daylight-saving changes ------------------------------------


@pytest.mark.parametrize(
    ("closes", "last_ok_utc"),
    [
        # Spring 2027: clocks go forward on 28 March; noon in Geneva is 10:00 UTC (CEST).
        (geneva(2027, 3, 28, 12, 0), dt.datetime(2027, 3, 28, 9, 59, 59, tzinfo=UTC)),
        # Autumn 2026: clocks go back on 25 October; noon in Geneva is 11:00 UTC (CET).
        (geneva(2026, 10, 25, 12, 0), dt.datetime(2026, 10, 25, 10, 59, 59, tzinfo=UTC)),
        # Just after the spring change itself: 03:30 CEST is 01:30 UTC.
        (geneva(2027, 3, 28, 3, 30), dt.datetime(2027, 3, 28, 1, 29, 59, tzinfo=UTC)),
    ],
)
def test_submit_deadline_boundary_in_geneva_time(world, closes, last_ok_utc):
    Round.objects.filter(pk=world.round.pk).update(
        call_opens_at=closes - dt.timedelta(days=30), call_closes_at=closes
    )
    late = ApplicationFactory(presession=world.other_presession, organisation=world.org_b)

    with time_machine.travel(last_ok_utc, tick=False):
        assert services.submit_application(world.draft_a, actor=world.applicant_a).status == "submitted"
    with time_machine.travel(last_ok_utc + dt.timedelta(seconds=1), tick=False), translation.override("en"):
        with pytest.raises(services.DeadlinePassed) as error:
            services.submit_application(late, actor=world.applicant_b)

    # One datetime format per language (config/formats), with the zone abbreviation.
    assert f"{closes.day} {closes:%B %Y, %H:%M} {closes.tzname()} (Geneva time)" in str(error.value)
    assert Application.objects.get(pk=late.pk).status == "draft"


def test_country_extension_lets_late_applicants_submit(world, client):
    closes = geneva(2027, 3, 27, 23, 59)
    Round.objects.filter(pk=world.round.pk).update(
        call_opens_at=closes - dt.timedelta(days=30), call_closes_at=closes
    )
    DeadlineExtensionFactory(
        round=world.round, review=world.other_presession.review, closes_at=geneva(2027, 4, 3, 23, 59)
    )
    Application.objects.filter(pk=world.application_b.pk).update(status="withdrawn")
    late_other = ApplicationFactory(presession=world.presession, organisation=world.org_b)

    with time_machine.travel(dt.datetime(2027, 4, 1, 12, tzinfo=UTC), tick=False):
        assert services.submit_application(world.draft_a, actor=world.applicant_a).status == "submitted"
        client.force_login(world.applicant_b)
        response = client.post(
            reverse("applications:application_submit", args=[late_other.token]), follow=True
        )

    assert "closed on 27 March 2027, 23:59 CET (Geneva time)" in response.content.decode()


# --- withdrawal ------------------------------------------------------------------------------------


def test_withdraw_needs_reason_and_tells_staff(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.applicant_a)
    url = reverse("applications:application_withdraw", args=[world.application_a.token])

    refused = client.post(url, {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "Our speaker cannot travel"})

    application = Application.objects.get(pk=world.application_a.pk)
    assert refused.status_code == 200
    assert '<label for="id_reason">Why do you withdraw? <span class="required">(required)</span></label>' in (
        refused.content.decode()
    )
    assert 'required aria-invalid="true"' in refused.content.decode()
    assert application.status == "withdrawn"
    assert application.withdrawal_reason == "Our speaker cannot travel"
    assert application.events.last().note == "Our speaker cannot travel"
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    assert "Our speaker cannot travel" in mail.outbox[0].body


# --- escaping and headers --------------------------------------------------------------------------


def test_script_in_every_text_field_is_escaped_in_pages_and_mails(
    world, client, django_capture_on_commit_callbacks
):
    world.org_a.name = SCRIPT
    world.org_a.save()
    client.force_login(world.applicant_a)
    text_fields = [
        "submission_reference",
        "coalition_partners",
        "speaker_name",
        "speaker_position",
        "speaker_phone",
        "speaker_gender_description",
        "accessibility_needs",
    ]
    client.post(
        reverse("applications:application_edit", args=[world.draft_a.token]),
        form_data(world, **{name: SCRIPT for name in text_fields}),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("applications:application_submit", args=[world.draft_a.token]))
        client.post(
            reverse("applications:application_withdraw", args=[world.draft_a.token]), {"reason": SCRIPT}
        )

    for url in (
        reverse("applications:application_detail", args=[world.draft_a.token]),
        reverse("applications:application_list"),
        reverse("organisations:organisation_list"),
    ):
        page = client.get(url).content.decode()
        assert SCRIPT not in page, url
        assert "&lt;script&gt;" in page, url
    assert len(mail.outbox) == 3
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert SCRIPT not in html
        assert "&lt;script&gt;" in html


def test_name_with_newline_never_reaches_a_mail_header(world, django_capture_on_commit_callbacks):
    world.org_a.name = "Evil\r\nBcc: victim@example.org"
    world.org_a.save()
    Round.objects.filter(pk=world.round.pk).update(title="Pre-sessions\nBcc: victim@example.org")
    world.draft_a.speaker_name = "Jane\nBcc: victim@example.org"
    world.draft_a.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(world.draft_a, actor=world.applicant_a)
        services.withdraw_application(world.draft_a, actor=world.applicant_a, reason="x")

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert message.bcc == []
        assert message.message()["Bcc"] is None
        assert message.to in (["a@example.org"], [world.draft_a.speaker_email], ["staff@example.org"])


# --- uploads ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "This file is not a document we accept."),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script></html>",
            "This file is not a document we accept.",
        ),
        ("fake.docx", b"PK\x03\x04garbage", "This file is not a document we accept."),
        ("renamed.docx", b"%PDF-1.4 real pdf", "its content is PDF"),
        ("big.pdf", b"%PDF-1.4" + b"0" * 2048, "The file is too large"),
    ],
)
def test_bad_uploads_are_refused(world, client, settings, name, content, message):
    settings.UPLOAD_MAX_BYTES = 1024
    client.force_login(world.applicant_a)

    response = client.post(
        reverse("applications:application_edit", args=[world.draft_a.token]),
        form_data(world, submission_file=SimpleUploadedFile(name, content)),
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.get(pk=world.draft_a.pk).submission_file


@pytest.mark.parametrize(
    ("name", "content"), [("s.docx", docx_bytes()), ("s.odt", odt_bytes()), ("S.PDF", b"%PDF-1.4")]
)
def test_good_uploads_are_accepted(world, client, name, content):
    client.force_login(world.applicant_a)

    client.post(
        reverse("applications:application_edit", args=[world.draft_a.token]),
        form_data(world, submission_file=SimpleUploadedFile(name, content)),
    )

    stored = Application.objects.get(pk=world.draft_a.pk).submission_file
    assert stored.name.endswith("." + name.rsplit(".", 1)[1].lower())
    with stored.open("rb") as handle:
        assert handle.read() == content


# --- visibility ------------------------------------------------------------------------------------


def test_applications_of_scopes_every_user_by_organisation(world):
    assert set(applications_of(world.applicant_a)) == {world.application_a, world.draft_a}
    assert set(applications_of(world.applicant_b)) == {world.application_b}
    assert set(applications_of(world.reviewer)) == set()
    assert set(applications_of(world.staff)) == set()


def test_timeline_shows_every_status_change(world, client):
    services.submit_application(world.draft_a, actor=world.applicant_a)
    services.withdraw_application(world.draft_a, actor=world.applicant_a, reason="Changed plans")
    client.force_login(world.applicant_a)

    page = client.get(reverse("applications:application_detail", args=[world.draft_a.token])).content.decode()

    timeline = page.split('class="timeline"')[1]
    assert timeline.index("Submitted") < timeline.index("Withdrawn: Changed plans")
    assert ApplicationEvent.objects.filter(application=world.draft_a).count() == 2


@pytest.mark.parametrize("count", [1, 50])
def test_application_list_query_count_is_constant(world, client, django_assert_num_queries, count):
    from tests.factories.presessions import PresessionFactory

    for _ in range(count):
        ApplicationFactory(organisation=world.org_a, presession=PresessionFactory(round=world.round))
    client.force_login(world.applicant_a)
    client.get(reverse("organisations:organisation_list"))

    with django_assert_num_queries(4):
        response = client.get(reverse("applications:application_list"))

    assert len(response.context["applications"]) == count + 2


def test_coalition_choices_are_only_the_applicants_own_organisations(world, client):
    from tests.factories.speakers import OrganisationFactory

    second_org = OrganisationFactory(name="Org A2")
    second_org.memberships.create(user=world.applicant_a)
    client.force_login(world.applicant_a)

    form = client.get(reverse("applications:application_edit", args=[world.draft_a.token])).context["form"]

    assert list(form.fields["coalition_members"].queryset) == [second_org]


def test_at_risk_speaker_never_has_publication_consent(world):
    application = services.update_draft_application(
        world.draft_a,
        user=world.applicant_a,
        at_risk=True,
        consent_publish_name=True,
        consent_publish_organisation=True,
        consent_publish_photo=True,
    )

    assert (
        application.consent_publish_name,
        application.consent_publish_organisation,
        application.consent_publish_photo,
    ) == (False, False, False)


def test_start_page_of_a_closed_call_offers_no_form(world, client):
    Round.objects.filter(pk=world.round.pk).update(status=Round.Status.CLOSED)
    client.force_login(world.applicant_b)

    response = client.get(reverse("applications:application_start", args=[world.other_presession.token]))

    page = response.content.decode()
    assert "The call for this Pre-session is not open" in page
    assert 'name="form_token"' not in page
