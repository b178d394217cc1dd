"""Automatic scheduling of a round: the CP-SAT solver (``presessions.programme.scheduling``) wired to
the models, a management command and a staff button running it as a background job with progress.

Modules: ``problem`` (reads a round's confirmed panels, rooms, days, breaks and unavailability into the
solver's dataclasses), ``services`` (``schedule_round``: solve and write the draft; the job's create/run),
``models`` (``SchedulingJob``, re-exported by ``presessions.models``), ``tasks``, ``forms``,
``views``/``urls``; the command is ``presessions/management/commands/schedule_round.py``.

Decisions:
- The solver writes the *draft* only: ``Presession.starts_at``/``ends_at``/``room`` of the confirmed
  panels, as staff would by hand; publishing a release stays a separate, deliberate step.
- The solve runs outside any transaction (it may take a minute); the writes then happen in one
  transaction that locks the panels. A panel no longer confirmed by then is left alone.
- A panel's length: its running order (Mission's opening + speakers' minutes + follow-up + questions from
  the floor), rounded up to the 5-minute grid, or its current slot when that is longer.
- Keys: a moderator is their e-mail (as ``UnavailabilityWindow.moderator_email``), a speaker the
  provider's ``person_key``, an organisation its ``organisation_key``; a Mission is its State, and a panel
  expects the Missions of its SuR and of the troika.
- The solver runs in a worker thread; the calling thread reports progress (so database writes stay on
  the thread that owns the connection). Results are stored as message templates with parameters and
  rendered in the reader's language.
"""
