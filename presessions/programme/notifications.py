"""The mails of a release: one per person concerned, in their language, with an updated .ics."""

from django.db import transaction
from django.utils import timezone, translation

from core.links import absolute_url
from core.mail import queue_templated_mail
from presessions.programme.models import GENEVA, ProgrammeRelease

from .calendar import build_calendar
from .published import published_panels
from .services import feed_for


def _notice_mail(release, notice, panel):
    method = notice["method"]
    language = notice["language"] if notice["language"] in ("en", "fr", "es") else "en"
    with translation.override(language):
        ics = build_calendar([panel], method=method, attendee_email=notice["email"])
    feed = feed_for(release.round, notice["email"], notice["name"])
    context = {
        "name": notice["name"],
        "panel": panel,
        "cancelled": method == "CANCEL",
        "round": release.round,
        "starts_at": panel.starts_at.astimezone(GENEVA),
        "ends_at": panel.ends_at.astimezone(GENEVA),
        "panel_url": ""
        if method == "CANCEL"
        else absolute_url("presessions:public_panel", token=panel.token),
        "feed_url": "" if feed.revoked_at else absolute_url("presessions:personal_feed", token=feed.token),
        "live_url": absolute_url("presessions:panel_live", token=panel.token)
        if notice.get("role") == "moderator" and method != "CANCEL"
        else "",
    }
    queue_templated_mail(
        to=notice["email"],
        template_prefix="presessions/email/programme_update",
        context=context,
        language=language,
        idempotency_key=f"programme:{release.round_id}:{release.number}:{notice['panel']}:{notice['email']}",
        attachments=[("presession.ics", ics, f"text/calendar; method={method}")],
    )


def notify_release(release):
    """Queue the release's mails (idempotent: each mail has its key, and a notified release is skipped)."""
    with transaction.atomic():
        locked = ProgrammeRelease.objects.select_for_update().select_related("round").get(pk=release.pk)
        if locked.notified_at is not None:
            return 0
        changes = locked.changelog
        live = published_panels(locked.snapshot["panels"])
        gone = published_panels(changes.get("cancelled_panels", {}), status="cancelled")
        panels = {str(p.pk): p for p in live}
        cancelled = {str(p.pk): p for p in gone}
        count = 0
        for notice in changes.get("notify", []):
            panel = cancelled.get(notice["panel"]) or panels.get(notice["panel"])
            if panel is not None:
                _notice_mail(locked, notice, panel)
                count += 1
        locked.notified_at = timezone.now()
        locked.save(update_fields=["notified_at"])
    return count
