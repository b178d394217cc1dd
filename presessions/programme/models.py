"""Rooms, days, breaks and unavailability of a round: what the timetable (and the scheduler) works with.

Times of day (``RoundDay.opens_at``, ``DayBreak.starts_at`` ...) are Geneva wall-clock times
(Europe/Zurich); ``UnavailabilityWindow`` holds aware datetimes. Slim models: every change goes through
``presessions/programme/services.py``.
"""

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

GENEVA = ZoneInfo("Europe/Zurich")


class Room(models.Model):
    """A room of a round, physical or virtual: where panels take place."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", pgettext_lazy("room mode", "In person only")
        ONLINE = "online", pgettext_lazy("room mode", "Online only")
        HYBRID = "hybrid", pgettext_lazy("room mode", "Hybrid")

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(
        _("capacity"), default=0, help_text=_("Seats in the room (0: no limit, e.g. an online room).")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    access_notes = models.TextField(_("access notes"), blank=True)
    meeting_url = models.URLField(_("meeting link"), blank=True, max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["round", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="unique_room_name_per_round")]

    def __str__(self):
        return self.name

    @property
    def takes_online_speakers(self):
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)

    @property
    def takes_in_person_speakers(self):
        return self.mode in (self.Mode.IN_PERSON, self.Mode.HYBRID)


class RoundDay(models.Model):
    """A day of a round with its opening hours (Geneva time)."""

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"))
    opens_at = models.TimeField(_("opens at"), default=dt.time(9, 0))
    closes_at = models.TimeField(_("closes at"), default=dt.time(18, 0))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("day")
        verbose_name_plural = _("days")
        ordering = ["round", "date"]
        constraints = [
            models.UniqueConstraint(fields=["round", "date"], name="unique_day_per_round"),
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")), name="day_opens_first"
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @property
    def opens(self):
        """Opening as an aware datetime in Geneva."""
        return dt.datetime.combine(self.date, self.opens_at, tzinfo=GENEVA)

    @property
    def closes(self):
        return dt.datetime.combine(self.date, self.closes_at, tzinfo=GENEVA)


class DayBreak(models.Model):
    """A break in a day (lunch, a plenary...): no panel may run over it."""

    day = models.ForeignKey(RoundDay, verbose_name=_("day"), on_delete=models.CASCADE, related_name="breaks")
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    label = models.CharField(_("label"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("break")
        verbose_name_plural = _("breaks")
        ordering = ["day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="break_starts_first"
            )
        ]

    def __str__(self):
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M} {self.label}".strip()

    @property
    def starts(self):
        return dt.datetime.combine(self.day.date, self.starts_at, tzinfo=GENEVA)

    @property
    def ends(self):
        return dt.datetime.combine(self.day.date, self.ends_at, tzinfo=GENEVA)


class UnavailabilityWindow(models.Model):
    """A time a panel should avoid: soft constraints for the scheduler, warnings on the timetable.

    ``kind`` says whose time it is:

    - ``event``: an event staff enter (a side event, a plenary on a SuR...). With ``review`` set, only that
      SuR's panel should keep away from it; without, every panel.
    - ``moderator``: a moderator is unavailable; ``moderator_email`` (lower case) names them, matching
      ``Presession.moderator_email`` or the e-mail of ``Presession.moderator_user``.
    - ``mission``: the Permanent Mission of ``state`` is unavailable (its own SuR's opening statement,
      its diplomats): panels on that State's review, and panels where it matters, should avoid it.

    ``weight`` (1–100) is how much the scheduler pays per overlapping panel; ``starts_at``/``ends_at`` are
    aware datetimes (entered in Geneva time).
    """

    class Kind(models.TextChoices):
        EVENT = "event", pgettext_lazy("unavailability kind", "Event")
        MODERATOR = "moderator", pgettext_lazy("unavailability kind", "Moderator unavailable")
        # Translators: the Permanent Mission of a State in Geneva.
        MISSION = "mission", pgettext_lazy("unavailability kind", "Mission unavailable")

    round = models.ForeignKey(
        "presessions.Round",
        verbose_name=_("round"),
        on_delete=models.CASCADE,
        related_name="unavailabilities",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EVENT)
    label = models.CharField(_("label"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    review = models.ForeignKey(
        "upr.Review",
        verbose_name=_("Review"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For an event: the SuR whose panel should keep away from it (empty: every panel)."),
    )
    moderator_email = models.EmailField(_("moderator's e-mail"), blank=True)
    state = models.ForeignKey(
        "upr.State",
        verbose_name=_("State"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a Mission: the State whose Permanent Mission is unavailable."),
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        ordering = ["round", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__lt=models.F("ends_at")), name="unavailability_starts_first"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label or self.moderator_email or self.state or ''}"


class ProgrammeRelease(models.Model):
    """A published version of a round's programme, numbered 1, 2, ... per round.

    ``snapshot`` freezes what was published (``releases.snapshot_of``): every public page, feed and export
    reads the latest release, never the draft. ``changelog`` lists the panels that are new, moved,
    cancelled, or whose speakers changed, and the people notified. ``notified_at`` is set once the mails
    are queued (by a task, after commit).
    """

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="releases"
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("snapshot"), default=dict)
    changelog = models.JSONField(_("changelog"), default=dict)
    notified_at = models.DateTimeField(_("notifications queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("programme release")
        verbose_name_plural = _("programme releases")
        ordering = ["round", "-number"]
        get_latest_by = "number"
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="unique_release_number")]

    def __str__(self):
        return f"{self.round} · {self.number}"


def new_feed_token():
    return secrets.token_urlsafe(24)


class PersonalFeed(models.Model):
    """A speaker's or moderator's own calendar feed: a secret URL with just their published panels.

    Keyed by e-mail address (lower case) per round: the panels are those whose published people include
    that address. Revoking sets ``revoked_at`` (the URL answers 404); ``reissue`` gives a new token.
    """

    round = models.ForeignKey(
        "presessions.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="personal_feeds"
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    token = models.CharField(_("token"), max_length=40, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")
        ordering = ["round", "email"]
        constraints = [models.UniqueConstraint(fields=["round", "email"], name="unique_feed_per_person")]

    def __str__(self):
        return f"{self.email} · {self.round}"
