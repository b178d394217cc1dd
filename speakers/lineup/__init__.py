"""Speakers' place in a panel's running order (position, minutes, in person or online, time zone).

A confirmed ``Application`` is a speaker. Its ``SpeakerSlot`` is created when staff first set its place
or time budget; a confirmed speaker without one follows those with one, in confirmation order, with the
default budget. ``participants.lineup_participants`` hands the running order to ``presessions`` through
its participant-provider extension point (registered in ``SpeakersConfig.ready``).
"""
