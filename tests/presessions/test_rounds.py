import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from presessions import services
from presessions.models import CallQuestion, DeadlineExtension, Presession, Round
from tests.factories.presessions import (
    CallQuestionFactory,
    DeadlineExtensionFactory,
    ReviewFactory,
    RoundFactory,
    SessionFactory,
    geneva,
)
from tests.factories.speakers import ApplicationFactory
from upr.models import Review

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "applicant_a", "applicant_b", "reviewer", "staff"]


def _status(response):
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    return response.status_code


def test_create_round_proposes_one_presession_per_review():
    session = SessionFactory(number=55)
    reviews = [ReviewFactory(session=session) for _ in range(3)]
    ReviewFactory(session=session, status=Review.Status.POSTPONED)
    ReviewFactory()  # another session

    round_ = services.create_round(session=session)

    assert round_.number == 55
    assert round_.title == "Pre-sessions 55"
    assert round_.status == Round.Status.DRAFT
    assert sorted(p.review_id for p in round_.presessions.all()) == sorted(r.pk for r in reviews)
    assert set(round_.presessions.values_list("status", flat=True)) == {Presession.Status.PROPOSED}


def test_open_call_needs_closing_time_and_close_call_needs_open():
    round_ = RoundFactory(status=Round.Status.DRAFT, call_closes_at=None)
    with pytest.raises(services.RoundError):
        services.open_call(round_)
    round_.call_closes_at = geneva(2027, 1, 15, 12, 0)
    round_.save()

    assert services.open_call(round_).status == Round.Status.OPEN
    assert services.close_call(round_).status == Round.Status.CLOSED
    with pytest.raises(services.RoundError):
        services.close_call(round_)


def test_move_question_reorders_and_delete_refuses_answered():
    round_ = RoundFactory()
    first, second, third = (CallQuestionFactory(round=round_, order=i) for i in range(3))

    services.move_question(third, -1)

    assert list(round_.questions.values_list("pk", flat=True)) == [first.pk, third.pk, second.pk]
    application = ApplicationFactory(presession__round=round_)
    application.answers.create(question=first, text="yes")
    with pytest.raises(services.RoundError):
        services.delete_question(first)
    services.delete_question(second)
    assert CallQuestion.objects.filter(round=round_).count() == 2


STAFF_URLS = [
    ("round_list", lambda w: {}, "get"),
    ("round_create", lambda w: {}, "get"),
    ("round_detail", lambda w: {"number": w.round.number}, "get"),
    ("round_edit", lambda w: {"number": w.round.number}, "get"),
    ("round_texts", lambda w: {"number": w.round.number}, "get"),
    ("call_open", lambda w: {"number": w.round.number}, "post"),
    ("call_close", lambda w: {"number": w.round.number}, "post"),
    ("presession_status", lambda w: {"number": w.round.number, "token": w.presession.token}, "post"),
    ("question_create", lambda w: {"number": w.round.number}, "get"),
    ("question_edit", lambda w: {"number": w.round.number, "pk": w.question.pk}, "get"),
    ("question_move", lambda w: {"number": w.round.number, "pk": w.question.pk}, "post"),
    ("question_delete", lambda w: {"number": w.round.number, "pk": w.question.pk}, "post"),
    ("extension_create", lambda w: {"number": w.round.number}, "post"),
    ("extension_delete", lambda w: {"number": w.round.number, "pk": w.extension.pk}, "post"),
]


@pytest.mark.parametrize(("name", "kwargs", "method"), STAFF_URLS, ids=[u[0] for u in STAFF_URLS])
def test_staff_round_urls_are_for_staff_only(world, name, kwargs, method):
    world.question = CallQuestionFactory(round=world.round)
    world.extension = DeadlineExtensionFactory(round=world.round, review=world.presession.review)
    url = reverse(f"presessions:{name}", kwargs=kwargs(world))
    seen = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(world, role))
        seen[role] = _status(getattr(client, method)(url))

    assert {k: v for k, v in seen.items() if k != "staff"} == {
        "anonymous": "login",
        "applicant_a": 403,
        "applicant_b": 403,
        "reviewer": 403,
    }
    assert seen["staff"] in (200, 302, 400)


def test_staff_without_mfa_is_sent_to_mfa_setup(world, client):
    world.staff.authenticator_set.all().delete()
    client.force_login(world.staff)

    response = client.get(reverse("presessions:round_list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_round_create_view_creates_round_with_presessions(world, client):
    session = SessionFactory(number=77)
    ReviewFactory(session=session)
    ReviewFactory(session=session)
    client.force_login(world.staff)

    response = client.post(
        reverse("presessions:round_create"),
        {
            "session": session.pk,
            "title": "",
            "format": "hybrid",
            "languages": ["en", "fr"],
            "call_opens_at": "2027-01-05T09:00",
            "call_closes_at": "2027-02-01T23:59",
            "min_viable_applicants": 3,
            "venue": "Palais des Nations",
        },
    )

    round_ = Round.objects.get(number=77)
    assert response["Location"] == reverse("presessions:round_detail", kwargs={"number": 77})
    assert round_.presessions.count() == 2
    assert round_.call_closes_at == geneva(2027, 2, 1, 23, 59)
    assert round_.languages == ["en", "fr"]


def test_round_create_refuses_closing_before_opening(world, client):
    session = SessionFactory(number=78)
    client.force_login(world.staff)

    response = client.post(
        reverse("presessions:round_create"),
        {
            "session": session.pk,
            "format": "online",
            "call_opens_at": "2027-02-05T09:00",
            "call_closes_at": "2027-02-01T23:59",
            "min_viable_applicants": 3,
        },
    )

    assert response.status_code == 200
    assert "The call must close after it opens." in response.content.decode()
    assert not Round.objects.filter(number=78).exists()


def test_extension_create_view_replaces_existing(world, client):
    client.force_login(world.staff)
    url = reverse("presessions:extension_create", kwargs={"number": world.round.number})
    later = timezone.localtime(world.round.call_closes_at + dt.timedelta(days=3))
    for days, reason in ((3, "first"), (5, "second")):
        value = timezone.localtime(world.round.call_closes_at + dt.timedelta(days=days)).strftime(
            "%Y-%m-%dT%H:%M"
        )
        client.post(url, {"review": world.presession.review.pk, "closes_at": value, "reason": reason})

    extension = DeadlineExtension.objects.get(round=world.round)
    assert extension.reason == "second"
    assert extension.closes_at > later


def test_question_form_saves_and_texts_escape_script(world, client):
    client.force_login(world.staff)
    client.post(
        reverse("presessions:question_create", kwargs={"number": world.round.number}),
        {"label_en": "<script>alert(1)</script>", "kind": "text", "required": "on"},
    )
    client.post(
        reverse("presessions:round_texts", kwargs={"number": world.round.number}),
        {"call_intro_en": "<script>alert(2)</script>"},
    )

    page = client.get(
        reverse("presessions:round_detail", kwargs={"number": world.round.number})
    ).content.decode()
    public = (
        Client().get(reverse("presessions:call_detail", kwargs={"key": world.round.token})).content.decode()
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in public
    assert "<script>alert(2)" not in public


@pytest.mark.parametrize("count", [1, 50])
def test_round_list_query_count_is_constant(world, client, django_assert_num_queries, count):
    for _ in range(count - 1):
        RoundFactory()
    client.force_login(world.staff)
    client.get(reverse("presessions:round_list"))  # warm the session

    with django_assert_num_queries(4):
        response = client.get(reverse("presessions:round_list"))

    assert len(response.context["rounds"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_round_detail_query_count_is_constant(world, client, django_assert_num_queries, count):
    for _ in range(count):
        ApplicationFactory(presession__round=world.round, status="submitted")
    for _ in range(count):
        CallQuestionFactory(round=world.round)
    client.force_login(world.staff)
    client.get(reverse("presessions:round_list"))

    with django_assert_num_queries(8):
        response = client.get(reverse("presessions:round_detail", kwargs={"number": world.round.number}))

    assert len(response.context["presessions"]) == count + 2


@pytest.mark.parametrize(
    ("name", "kwargs", "title", "label"),
    [
        ("call_close", lambda w: {"number": w.round.number}, "Close the call?", "Close the call"),
        (
            "question_delete",
            lambda w: {"number": w.round.number, "pk": w.question.pk},
            "Delete this question?",
            "Delete the question",
        ),
        (
            "extension_delete",
            lambda w: {"number": w.round.number, "pk": w.extension.pk},
            "Remove this extension?",
            "Remove the extension",
        ),
    ],
    ids=["call_close", "question_delete", "extension_delete"],
)
def test_destructive_round_actions_ask_for_confirmation_first(world, client, name, kwargs, title, label):
    world.question = CallQuestionFactory(round=world.round)
    world.extension = DeadlineExtensionFactory(round=world.round, review=world.presession.review)
    client.force_login(world.staff)
    url = reverse(f"presessions:{name}", kwargs=kwargs(world))
    detail = client.get(reverse("presessions:round_detail", args=[world.round.number])).content.decode()

    page = client.get(url).content.decode()

    assert f'href="{url}"' in detail  # the page links to the confirmation, it does not post
    assert f"<h1>{title}</h1>" in page
    assert f'<form method="post" action="{url}" class="actions">' in page
    assert f'<button type="submit" class="button-danger">{label}</button>' in page
    world.round.refresh_from_db()
    assert (world.round.status, CallQuestion.objects.count(), DeadlineExtension.objects.count()) == (
        Round.Status.OPEN,
        1,
        1,
    )
