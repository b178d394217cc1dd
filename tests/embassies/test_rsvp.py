"""The personal RSVP page /i/<token>/: answers, tokens, binding, throttling, leaks, CSRF."""

import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from embassies.invitations import services
from embassies.invitations.models import Invitation
from presessions.programme.calendar import event_uid
from tests.factories.presessions import geneva

pytestmark = pytest.mark.django_db

ANSWER = {"response": "yes", "delegates": "2", "delegate_names": "Ana Pérez\nAlain Roux", "mode": "online"}


def _without_csrf(response):
    """The page without what differs by request: the CSRF token and the language form's return path."""
    return re.sub(r'name="(csrfmiddlewaretoken|next)" value="[^"]+"', "", response.content.decode())


def _url(invitation, name="embassies:rsvp"):
    return reverse(name, args=[invitation.token])


def test_rsvp_page_records_the_answer_and_repeating_it_changes_nothing(sent, client):
    invitation = sent["Alphaland"]

    first = client.post(_url(invitation), ANSWER)
    history = invitation.history.count()
    second = client.post(_url(invitation), ANSWER)

    invitation.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 302)
    assert (invitation.response, invitation.delegates, invitation.mode) == ("yes", 2, "online")
    assert invitation.delegate_names == "Ana Pérez\nAlain Roux"
    assert (invitation.answer_channel, invitation.recorded_by) == ("link", None)
    assert invitation.history.count() == history


def test_rsvp_answer_can_change_until_the_panel_starts(sent, client):
    invitation = sent["Alphaland"]
    client.post(_url(invitation), ANSWER)

    client.post(_url(invitation), {"response": "no"})
    with time_machine.travel(geneva(2027, 3, 1, 10, 5)):
        late = client.post(_url(invitation), {"response": "yes", "delegates": "1", "mode": "in_person"})

    invitation.refresh_from_db()
    assert (invitation.response, invitation.delegates) == ("no", 0)
    assert "The panel has started: answers are closed." in late.content.decode()


def test_rsvp_unknown_revoked_and_expired_links_get_the_same_answer(sent, client):
    invitation = sent["Alphaland"]
    old_token = invitation.token
    valid = client.get(_url(invitation))
    services.revoke_link(invitation)

    unknown = client.get(reverse("embassies:rsvp", args=["x" * 32]))
    revoked = client.get(reverse("embassies:rsvp", args=[old_token]))
    with time_machine.travel(geneva(2027, 3, 1, 11, 0)):
        expired = client.get(_url(sent["Surland"]))

    assert valid.status_code == 200
    assert [r.status_code for r in (unknown, revoked, expired)] == [404, 404, 404]
    assert _without_csrf(unknown) == _without_csrf(revoked) == _without_csrf(expired)


def test_rsvp_page_shows_nothing_about_other_guests(sent, client):
    client.post(_url(sent["Surland"]), ANSWER)

    html = client.get(_url(sent["Alphaland"])).content.decode()

    assert "Alphaland" in html
    assert "Gammaland" not in html and "Ana Pérez" not in html and "Alain Roux" not in html
    assert "No answer yet." in html


def test_rsvp_page_refuses_a_post_without_csrf_token(sent):
    client = Client(enforce_csrf_checks=True)

    response = client.post(_url(sent["Alphaland"]), ANSWER)

    assert response.status_code == 403
    assert Invitation.objects.get(pk=sent["Alphaland"].pk).response == "pending"


def test_rsvp_page_is_rate_limited_per_client(sent, client, settings):
    settings.RSVP_RATE_LIMIT = 3
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}
    }

    codes = [client.get(reverse("embassies:rsvp", args=[f"guess{n}"])).status_code for n in range(4)]

    assert codes == [404, 404, 404, 429]


def test_rsvp_link_that_may_not_be_forwarded_works_only_in_the_first_browser(sent):
    invitation = services.set_forwarding(sent["Alphaland"], allowed=False)
    first, forwarded = Client(), Client()

    opened = first.get(_url(invitation))
    again = first.get(_url(invitation))
    elsewhere = forwarded.get(_url(invitation))

    assert (opened.status_code, again.status_code, elsewhere.status_code) == (200, 200, 404)
    assert opened.cookies["upr_rsvp_browser"]["path"] == "/i/"
    assert opened.cookies["upr_rsvp_browser"]["httponly"] is True


def test_rsvp_calendar_is_the_panel_with_its_stable_uid(sent, client):
    response = client.get(_url(sent["Alphaland"], "embassies:rsvp_calendar"))

    ics = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"UID:{event_uid(sent['Alphaland'].presession)}" in ics
    assert "METHOD:PUBLISH" in ics
    assert "meet.example.org" not in ics


def test_rsvp_pages_keep_the_token_out_of_referrers_and_caches(sent, client):
    response = client.get(_url(sent["Alphaland"]))

    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


def test_moderator_accepts_from_the_link_and_cannot_say_maybe(
    panel, client, django_capture_on_commit_callbacks
):
    from embassies.invitations import delivery

    moderator = services.invite_moderator(panel.presession)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_invitations([panel.presession.pk])
    moderator.refresh_from_db()

    maybe = client.post(_url(moderator), {"response": "maybe"})
    client.post(_url(moderator), {"response": "yes"})

    moderator.refresh_from_db()
    assert (moderator.kind, moderator.recipient_email, moderator.response) == (
        "moderator",
        "mo@example.org",
        "yes",
    )
    assert maybe.status_code == 200
    assert "Will you moderate this panel?" in maybe.content.decode()
