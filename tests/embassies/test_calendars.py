"""Personal invitation calendars: the same bytes as the programme's builder, built once per panel set."""

import pytest
from django.utils import timezone

from embassies.invitations.calendars import PersonalCalendars, fold, unfold
from presessions.programme.calendar import build_calendar

pytestmark = pytest.mark.django_db


def test_personal_calendar_equals_the_builders_output_for_that_address(panel, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    address = "a.very.long.address.of.a.first.secretary.in.geneva@mission-of-alphaland.example.org"

    personal = PersonalCalendars().for_recipient([panel.presession], address, method="REQUEST", name="Round")
    built = build_calendar([panel.presession], method="REQUEST", attendee_email=address, name="Round")

    assert personal == built


def test_fold_never_splits_a_utf8_character_and_unfolds_back():
    line = ("DESCRIPTION:" + "é" * 80).encode()

    folded = fold(line)

    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert len(folded.split(b"\r\n")) == 3
    assert all(part.decode() for part in folded.split(b"\r\n"))
    assert unfold(folded) == line


def test_personal_calendar_refuses_an_address_with_a_line_break(panel):
    with pytest.raises(ValueError, match="Not a single e-mail address"):
        PersonalCalendars().for_recipient([panel.presession], "a@example.org\r\nX-EVIL:1", method="REQUEST")
