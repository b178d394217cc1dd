"""Statements: SMART checks, word count, the workflow over every status, versions, deadline, pages."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import DomainError
from core.models import OutboundMail
from speakers.models import Application
from speakers.statements import services
from speakers.statements.content import changes, count_words
from speakers.statements.models import Statement, StatementEvent, StatementVersion
from speakers.statements.smart import smart_problems
from tests.factories.statements import SMART, approved_statement, speaker_setup, write_statement

Status = Statement.Status
Action = StatementEvent.Action


@pytest.mark.parametrize(
    "text",
    [
        "Ratify the Optional Protocol by 2028.",
        "Adopt a law on defenders within two years.",
        "Adopter une loi sur les défenseurs d'ici 2027.",
        "Ratificar el Protocolo Facultativo antes del próximo examen.",
        "The Government should amend article 12 before the next review.",
    ],
)
def test_smart_check_accepts_an_action_with_a_time_frame(text):
    assert smart_problems(text) == []


def test_smart_check_names_what_is_missing():
    assert len(smart_problems("Human rights are important by 2028.")) == 1
    assert "time frame" in smart_problems("Ratify the Optional Protocol.")[0]
    assert len(smart_problems("More democracy.")) == 2


def test_count_words_counts_hyphenated_and_apostrophe_words_once():
    assert count_words("The State's follow-up: 3 laws, l’État.") == 6


def test_changes_lists_added_and_removed_lines():
    lines = changes("a\nb\nc", "a\nc\nd")
    assert [(line.kind, line.text) for line in lines] == [
        ("same", "a"),
        ("removed", "b"),
        ("same", "c"),
        ("added", "d"),
    ]


@pytest.mark.django_db
def test_start_statement_creates_one_section_per_issue():
    setup = speaker_setup()
    statement = services.start_statement(setup.application, actor=setup.applicant)
    assert [section.issue for section in statement.sections.all()] == [setup.issue]
    assert services.start_statement(setup.application, actor=setup.applicant).pk == statement.pk


@pytest.mark.django_db
def test_start_statement_refuses_an_application_that_was_not_selected():
    setup = speaker_setup(status=Application.Status.SUBMITTED)
    with pytest.raises(DomainError):
        services.start_statement(setup.application, actor=setup.applicant)
    assert Statement.objects.count() == 0


@pytest.mark.django_db
def test_submit_stores_a_version_with_the_text_and_word_count():
    setup = speaker_setup()
    statement = write_statement(setup)
    statement = services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant)
    version = StatementVersion.objects.get(statement=statement)
    assert statement.status == Status.SUBMITTED
    assert (version.number, statement.version_count) == (1, 1)
    assert "Recommendation 1: Ratify the Optional Protocol by 2028. (Recommending Land)" in version.text
    assert version.word_count == 41


@pytest.mark.django_db
def test_submit_refuses_a_recommendation_that_is_not_smart():
    setup = speaker_setup()
    statement = write_statement(setup, texts=[SMART, "More democracy."])
    with pytest.raises(DomainError) as error:
        services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant)
    assert "recommendation 2" in str(error.value)
    assert Statement.objects.get().status == Status.DRAFT


@pytest.mark.django_db
def test_submit_refuses_fewer_than_two_recommendations():
    setup = speaker_setup()
    statement = write_statement(setup, texts=[SMART])
    with pytest.raises(DomainError, match="two or three recommendations"):
        services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant)


@pytest.mark.django_db
def test_submit_after_the_deadline_is_refused_in_geneva_time():
    setup = speaker_setup()
    statement = write_statement(setup)
    deadline = setup.presession.round.statement_deadline
    with pytest.raises(DomainError, match="deadline"):
        services.transition_statement(
            statement, Action.SUBMIT, actor=setup.applicant, now=deadline + dt.timedelta(seconds=1)
        )
    services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant, now=deadline)
    assert Statement.objects.get().status == Status.SUBMITTED


@pytest.mark.django_db
def test_resubmission_after_changes_requested_is_allowed_after_the_deadline(world):
    setup = speaker_setup()
    statement = write_statement(setup)
    statement = services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant)
    statement = services.transition_statement(
        statement, Action.REQUEST_CHANGES, actor=world.staff, note="Shorter"
    )
    late = setup.presession.round.statement_deadline + dt.timedelta(days=1)
    statement = services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant, now=late)
    assert (statement.status, statement.version_count) == (Status.SUBMITTED, 2)


ACTIONS = {
    Action.SUBMIT: Status.SUBMITTED,
    Action.REQUEST_CHANGES: Status.CHANGES_REQUESTED,
    Action.APPROVE: Status.APPROVED,
}


@pytest.mark.django_db
@pytest.mark.parametrize("from_status", Status.values)
@pytest.mark.parametrize("action", [Action.SUBMIT, Action.REQUEST_CHANGES, Action.APPROVE, Action.COMMENT])
def test_transition_statement_follows_the_transitions_for_every_pair(world, from_status, action):
    setup = speaker_setup()
    statement = write_statement(setup)
    Statement.objects.filter(pk=statement.pk).update(status=from_status)
    statement.refresh_from_db()
    allowed = action == Action.COMMENT or ACTIONS[action] in Statement.TRANSITIONS[from_status]
    actor = setup.applicant if action == Action.SUBMIT else world.staff  # the speaker submits
    if allowed:
        result = services.transition_statement(statement, action, actor=actor, note="A note")
        assert result.status == ACTIONS.get(action, from_status)
        assert StatementEvent.objects.get().to_status == result.status
    else:
        with pytest.raises(DomainError):
            services.transition_statement(statement, action, actor=actor, note="A note")
        assert (Statement.objects.get().status, StatementEvent.objects.count()) == (from_status, 0)


@pytest.mark.django_db
def test_request_changes_mails_the_speaker_in_their_language(world, django_capture_on_commit_callbacks):
    setup = speaker_setup()
    setup.applicant.language = "fr"
    setup.applicant.save()
    statement = write_statement(setup)
    statement = services.transition_statement(statement, Action.SUBMIT, actor=setup.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_statement(
            statement, Action.REQUEST_CHANGES, actor=world.staff, note="Plus court."
        )
    mails = OutboundMail.objects.order_by("recipient")
    assert sorted(m.recipient for m in mails) == sorted(
        {setup.applicant.email, setup.application.speaker_email}
    )
    assert all(m.language == "fr" and "Plus court." in m.text_body for m in mails)


@pytest.mark.django_db
def test_request_changes_needs_a_comment(world):
    setup = speaker_setup()
    statement = services.transition_statement(write_statement(setup), Action.SUBMIT, actor=setup.applicant)
    with pytest.raises(DomainError):
        services.transition_statement(statement, Action.REQUEST_CHANGES, actor=world.staff, note="  ")


@pytest.mark.django_db
def test_approved_statement_cannot_be_edited(world):
    setup = speaker_setup()
    statement = approved_statement(setup, world.staff)
    with pytest.raises(DomainError):
        services.save_statement(statement, actor=setup.applicant, fields={"introduction": "x"}, sections={})


@pytest.mark.django_db
def test_reminders_go_once_to_speakers_without_a_submission():
    setup = speaker_setup()
    deadline = setup.presession.round.statement_deadline
    now = deadline - dt.timedelta(days=6)
    assert services.send_statement_reminders(now) == 2  # applicant and speaker
    assert services.send_statement_reminders(now) == 2
    assert OutboundMail.objects.count() == 2
    assert services.send_statement_reminders(deadline - dt.timedelta(days=1)) == 2
    assert OutboundMail.objects.count() == 4
    assert services.send_statement_reminders(deadline - dt.timedelta(days=9)) == 0


@pytest.mark.django_db
def test_reminders_skip_a_submitted_statement():
    setup = speaker_setup()
    services.transition_statement(write_statement(setup), Action.SUBMIT, actor=setup.applicant)
    now = setup.presession.round.statement_deadline - dt.timedelta(days=1)
    assert services.send_statement_reminders(now) == 0


# --- pages ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_speaker_edits_and_submits_through_the_pages(client):
    setup = speaker_setup()
    client.force_login(setup.applicant)
    token = setup.application.token
    assert client.post(reverse("statements:start", args=[token])).status_code == 302
    statement = Statement.objects.get()
    section = statement.sections.get()
    prefix = f"section-{section.pk}"
    page = client.get(reverse("statements:edit", args=[token]))
    assert "Recommending Land" in page.content.decode()
    response = client.post(
        reverse("statements:edit", args=[token]),
        {
            "language": "en",
            "introduction": "We are a coalition.",
            "consultations": "",
            f"{prefix}-followed_up": [str(setup.earlier.pk)],
            f"{prefix}-follow_up": "Not implemented.",
            f"{prefix}-situation": "",
            f"{prefix}-questions": "",
            f"{prefix}-rec_1_text": SMART,
            f"{prefix}-rec_1_states": [str(setup.recommender.pk)],
            f"{prefix}-rec_2_text": "Adopt a law by 2027.",
            f"{prefix}-rec_3_text": "",
        },
    )
    assert response.status_code == 302
    assert list(section.followed_up.all()) == [setup.earlier]
    detail = client.get(reverse("statements:detail", args=[token])).content.decode()
    assert "17 words, about 0.1 minutes" in detail
    client.post(reverse("statements:submit", args=[token]))
    assert Statement.objects.get().status == Status.SUBMITTED


@pytest.mark.django_db
def test_speaker_sees_what_changed_since_the_last_version(client, world):
    setup = speaker_setup()
    statement = services.transition_statement(write_statement(setup), Action.SUBMIT, actor=setup.applicant)
    services.transition_statement(statement, Action.REQUEST_CHANGES, actor=world.staff, note="Add data.")
    statement.refresh_from_db()
    services.save_statement(
        statement, actor=setup.applicant, fields={"introduction": "A new introduction."}, sections={}
    )
    client.force_login(setup.applicant)
    page = client.get(reverse("statements:detail", args=[setup.application.token])).content.decode()
    assert "<ins>+ A new introduction.</ins>" in page
    assert "<del>− We are a national coalition of 12 organisations.</del>" in page


@pytest.mark.django_db
def test_another_organisation_and_a_reviewer_cannot_see_a_statement(client, world):
    setup = speaker_setup()
    write_statement(setup)
    for user in (world.applicant_b, world.reviewer):
        client.force_login(user)
        assert client.get(reverse("statements:detail", args=[setup.application.token])).status_code == 404
        assert setup.application.token not in client.get(reverse("statements:list")).content.decode()
        statement = Statement.objects.get()
        assert client.get(reverse("statements:review", args=[statement.token])).status_code == 403


@pytest.mark.django_db
def test_staff_approve_a_statement_on_the_review_page(client, world):
    setup = speaker_setup()
    statement = services.transition_statement(write_statement(setup), Action.SUBMIT, actor=setup.applicant)
    client.force_login(world.staff)
    url = reverse("statements:review", args=[statement.token])
    assert SMART in client.get(url).content.decode()
    client.post(url, {"action": "approve", "note": ""})
    assert Statement.objects.get().status == Status.APPROVED


@pytest.mark.django_db
def test_statement_upload_is_sniffed_and_served_as_attachment(client):
    setup = speaker_setup()
    statement = write_statement(setup)
    client.force_login(setup.applicant)
    section = statement.sections.get()
    base = {
        "language": "en",
        "introduction": "Intro",
        "consultations": "",
        f"section-{section.pk}-follow_up": "",
    }
    fake = SimpleUploadedFile("statement.pdf", b"<html><script>alert(1)</script></html>")
    page = client.post(reverse("statements:edit", args=[setup.application.token]), base | {"file": fake})
    assert page.status_code == 200
    assert not Statement.objects.get().file
    real = SimpleUploadedFile("statement.pdf", b"%PDF-1.7\n%%EOF\n")
    client.post(reverse("statements:edit", args=[setup.application.token]), base | {"file": real})
    stored = Statement.objects.get().file
    assert stored.name.startswith("statements/") and stored.name.endswith(".pdf")
    response = client.get(reverse("statements:file", args=[setup.application.token]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n%%EOF\n"
    response.close()
    assert response["Content-Disposition"] == 'attachment; filename="statement.pdf"'


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_statement_list_query_count(client, django_assert_num_queries, count):
    setups = [speaker_setup() for _ in range(count)]
    user = setups[0].applicant
    for setup in setups[1:]:
        setup.application.organisation = setups[0].organisation
        setup.application.save()
    client.force_login(user)
    client.get(reverse("statements:list"))  # warm the session
    with django_assert_num_queries(3):
        response = client.get(reverse("statements:list"))
    assert response.content.decode().count('href="/my/statements/') == count


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 6])
def test_round_statements_query_count(client, world, django_assert_num_queries, count):
    for _ in range(count):
        write_statement(speaker_setup(presession=world.presession))
    client.force_login(world.staff)
    url = reverse("statements:round", args=[world.round.number])
    client.get(url)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count('href="/staff/statements/') == count
