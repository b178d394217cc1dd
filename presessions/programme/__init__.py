"""The programme of a round: rooms, days and breaks, the timetable, running orders, releases, calendars.

Decisions:

- The timetable staff edit is the *draft*: ``Presession.starts_at``/``ends_at``/``room``/moderator and the
  running-order minutes. Publishing (``services.publish_release``) freezes it into a numbered
  ``ProgrammeRelease`` whose snapshot is what every public page, feed and export shows.
- Speakers live in ``speakers``; this package never imports it. ``participants.py`` is the extension
  point: ``speakers`` registers a provider in its ``AppConfig.ready`` that returns plain ``Participant``
  rows, already masked for the public by ``participants.public_identity`` (the one masking rule).
- Calendars (``calendar.py``): one UID per panel forever (``event_uid``), SEQUENCE =
  ``Presession.calendar_sequence`` (raised by every release that changes the panel), Europe/Zurich.
"""
