"""Publishing and unpublishing panels (brief and statements)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from briefs.compilation.models import Brief
from core.errors import DomainError
from presessions.models import GENEVA


def check_round_is_over(round_, now=None):
    now = now or timezone.now()
    if round_.end_date is None:
        raise DomainError(_("Set the round's last day before publishing."))
    over = dt.datetime.combine(round_.end_date + dt.timedelta(days=1), dt.time(), tzinfo=GENEVA)
    if now < over:
        raise DomainError(
            _("Statements and briefs are published after the round, from %(day)s.")
            % {"day": over.strftime("%d.%m.%Y")}
        )


def publish_panel(presession, *, actor, now=None):
    """Publish the panel's brief and consenting statements on its public page."""
    check_round_is_over(presession.round, now)
    with transaction.atomic():
        brief, _created = Brief.objects.select_for_update().get_or_create(presession=presession)
        if brief.published_at is None:
            brief.published_at = now or timezone.now()
            brief._history_user = actor
            brief.save()
    return brief


def unpublish_panel(presession, *, actor):
    with transaction.atomic():
        brief = Brief.objects.select_for_update().filter(presession=presession).first()
        if brief is not None and brief.published_at is not None:
            brief.published_at = None
            brief._history_user = actor
            brief.save()
    return brief


def unpublish_round(round_, *, actor):
    """One click: every panel of the round leaves the public pages, files and feed. Returns how many."""
    count = 0
    with transaction.atomic():
        for brief in Brief.objects.select_for_update().filter(
            presession__round=round_, published_at__isnull=False
        ):
            brief.published_at = None
            brief._history_user = actor
            brief.save()
            count += 1
    return count
