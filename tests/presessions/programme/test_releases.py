import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from core.errors import DomainError
from core.models import OutboundMail
from presessions.models import GENEVA, Presession, ProgrammeRelease
from presessions.programme import notifications, services
from presessions.programme.calendar import event_uid
from presessions.programme.releases import publish_release
from tests.factories.presessions import RoundFactory
from tests.factories.programme import PlacedPresessionFactory, RoomFactory, RoundDayFactory, SpeakerFactory
from tests.factories.world import user_with_mfa

pytestmark = pytest.mark.django_db


def at(hour, day=1):
    return dt.datetime(2027, 3, day, hour, 0, tzinfo=GENEVA)


@pytest.fixture
def programme():
    """Two panels in two rooms on 1 March 2027, each with a moderator and a speaker."""
    round_ = RoundFactory()
    RoundDayFactory(round=round_, date=dt.date(2027, 3, 1))
    RoundDayFactory(round=round_, date=dt.date(2027, 3, 2))
    first = PlacedPresessionFactory(round=round_, starts_at=at(10), moderator_email="mod1@example.org")
    second = PlacedPresessionFactory(round=round_, starts_at=at(14), moderator_email="mod2@example.org")
    SpeakerFactory(presession=first, speaker_email="ana@example.org", language="fr")
    SpeakerFactory(presession=second, speaker_email="ben@example.org", language="es")
    return round_, first, second


def publish(round_, capture):
    with capture(execute=True):
        return publish_release(round_)


def mails():
    return {(m.recipient, m.language) for m in OutboundMail.objects.all()}


def ics_of(mail):
    (attachment,) = mail.attachments.all()
    calendar = icalendar.Calendar.from_ical(bytes(attachment.content))
    (event,) = calendar.walk("VEVENT")
    return calendar, event, attachment


def test_first_release_mails_everyone_on_a_panel_in_their_language(
    programme, django_capture_on_commit_callbacks
):
    round_, first, _second = programme

    release = publish(round_, django_capture_on_commit_callbacks)

    assert (release.number, sorted(release.changelog["new"])) == (
        1,
        sorted([str(p.pk) for p in programme[1:]]),
    )
    assert mails() == {
        ("mod1@example.org", "en"),
        ("ana@example.org", "fr"),
        ("mod2@example.org", "en"),
        ("ben@example.org", "es"),
    }
    mail = OutboundMail.objects.get(recipient="ana@example.org")
    state = first.review.state.name_fr
    assert mail.subject == f"Pré-session sur {state} : 1 mars 2027 à 10:00 CET (heure de Genève)"
    calendar, event, attachment = ics_of(mail)
    assert attachment.mimetype == "text/calendar; method=REQUEST"
    assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == ("REQUEST", event_uid(first), 0)
    assert str(event["ATTENDEE"]) == "mailto:ana@example.org"
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
    assert ProgrammeRelease.objects.get().notified_at is not None


def test_publish_refused_with_hard_conflicts(programme, django_capture_on_commit_callbacks):
    round_, first, second = programme
    services.update_panel(second, starts_at=first.starts_at, ends_at=first.ends_at, room=first.room)

    with pytest.raises(DomainError, match="1 conflict must be solved before publishing"):
        publish(round_, django_capture_on_commit_callbacks)

    assert (ProgrammeRelease.objects.count(), OutboundMail.objects.count()) == (0, 0)


def test_moving_a_panel_mails_only_its_people_with_a_raised_sequence(
    programme, django_capture_on_commit_callbacks
):
    round_, first, second = programme
    publish(round_, django_capture_on_commit_callbacks)
    OutboundMail.objects.all().delete()

    services.update_panel(second, starts_at=at(10, day=2), ends_at=at(11, day=2))
    release = publish(round_, django_capture_on_commit_callbacks)

    assert (release.number, release.changelog["moved"], release.changelog["new"]) == (2, [str(second.pk)], [])
    assert mails() == {("mod2@example.org", "en"), ("ben@example.org", "es")}
    calendar, event, _attachment = ics_of(OutboundMail.objects.get(recipient="ben@example.org"))
    assert (calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]) == ("REQUEST", event_uid(second), 1)
    assert event.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2027, 3, 2, 9, tzinfo=dt.UTC)
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.calendar_sequence, second.calendar_sequence) == (0, 1)


def test_cancelling_a_panel_sends_cancel_to_who_was_on_it(programme, django_capture_on_commit_callbacks):
    round_, first, _second = programme
    publish(round_, django_capture_on_commit_callbacks)
    OutboundMail.objects.all().delete()

    Presession.objects.filter(pk=first.pk).update(status=Presession.Status.CANCELLED)
    release = publish(round_, django_capture_on_commit_callbacks)

    assert release.changelog["cancelled"] == [str(first.pk)]
    assert mails() == {("mod1@example.org", "en"), ("ana@example.org", "fr")}
    calendar, event, attachment = ics_of(OutboundMail.objects.get(recipient="mod1@example.org"))
    assert attachment.mimetype == "text/calendar; method=CANCEL"
    assert (calendar["METHOD"], str(event["STATUS"]), event["SEQUENCE"]) == ("CANCEL", "CANCELLED", 1)
    assert str(event["UID"]) == event_uid(first)
    assert OutboundMail.objects.get(recipient="mod1@example.org").subject.startswith("Cancelled")


def test_speaker_added_to_a_panel_is_the_only_one_mailed(programme, django_capture_on_commit_callbacks):
    round_, first, _second = programme
    publish(round_, django_capture_on_commit_callbacks)
    OutboundMail.objects.all().delete()

    SpeakerFactory(presession=first, speaker_email="new@example.org", language="en")
    release = publish(round_, django_capture_on_commit_callbacks)

    assert release.changelog["speakers"] == [str(first.pk)]
    assert mails() == {("new@example.org", "en")}


def test_republishing_without_change_is_refused_and_sends_nothing(
    programme, django_capture_on_commit_callbacks
):
    round_, _first, _second = programme
    publish(round_, django_capture_on_commit_callbacks)
    sent = OutboundMail.objects.count()

    with pytest.raises(DomainError, match="Nothing changed since release 1"):
        publish(round_, django_capture_on_commit_callbacks)

    assert (ProgrammeRelease.objects.count(), OutboundMail.objects.count()) == (1, sent)


def test_notifying_a_release_twice_queues_nothing_more(programme, django_capture_on_commit_callbacks):
    round_, _first, _second = programme
    release = publish(round_, django_capture_on_commit_callbacks)
    sent = OutboundMail.objects.count()

    again = notifications.notify_release(release)
    ProgrammeRelease.objects.filter(pk=release.pk).update(
        notified_at=None
    )  # as if the task died before the end
    redelivered = notifications.notify_release(release)

    assert (again, redelivered, OutboundMail.objects.count()) == (0, 4, sent)


def test_no_mail_before_commit(programme, django_capture_on_commit_callbacks):
    round_, _first, _second = programme

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish_release(round_)

    assert (OutboundMail.objects.count(), len(callbacks)) == (0, 1)


def test_public_sees_release_not_draft_changes(programme, django_capture_on_commit_callbacks):
    """The release freezes the timetable: later draft edits do not change its snapshot."""
    round_, first, _second = programme
    release = publish(round_, django_capture_on_commit_callbacks)

    services.update_panel(first, starts_at=at(16), ends_at=at(17), room=RoomFactory(round=round_))
    release.refresh_from_db()

    assert dt.datetime.fromisoformat(release.snapshot["panels"][str(first.pk)]["starts_at"]) == at(10)


def test_release_page_publishes_and_lists(programme, django_capture_on_commit_callbacks, client):
    round_, _first, _second = programme
    client.force_login(user_with_mfa(is_staff=True))
    url = reverse("presessions:programme_releases", kwargs={"number": round_.number})

    page = client.get(url)
    assert page.context["has_changes"] is True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert ProgrammeRelease.objects.get().number == 1
    assert client.get(url).context["has_changes"] is False


@pytest.mark.parametrize("role", ["anonymous", "applicant_a", "reviewer"])
def test_release_page_refused_to_others(world, login, role):
    client = login(getattr(world, role, None))

    response = client.post(reverse("presessions:programme_releases", kwargs={"number": world.round.number}))

    assert response.status_code in (302, 403)
    assert ProgrammeRelease.objects.count() == 0
