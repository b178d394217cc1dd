"""Every change of the running order: the order of a panel's speakers and one speaker's slot."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from presessions.programme.timezones import is_valid_zone
from speakers.applications.models import Application

from .models import SpeakerSlot

MAX_MINUTES = 60


def _application_ids(refs):
    ids = []
    for ref in refs:
        prefix, _sep, pk = str(ref).partition(":")
        if prefix != "application" or not pk.isdigit():
            raise DomainError(_("Unknown speaker."))
        ids.append(int(pk))
    return ids


def _locked_speakers(presession_id, ids):
    speakers = {
        a.pk: a
        for a in Application.objects.select_for_update().filter(
            pk__in=ids, presession_id=presession_id, status=Application.Status.CONFIRMED
        )
    }
    if len(speakers) != len(set(ids)):
        raise DomainError(_("Only the panel's confirmed speakers can be placed in its running order."))
    return speakers


def reorder_speakers(presession_id, refs, actor=None):
    """Number the panel's speakers 1.. in the order of ``refs`` (creating their slots as needed)."""
    ids = _application_ids(refs)
    with transaction.atomic():
        speakers = _locked_speakers(presession_id, ids)
        slots = {
            s.application_id: s
            for s in SpeakerSlot.objects.select_for_update().filter(application_id__in=ids)
        }
        for position, pk in enumerate(ids, start=1):
            slot = slots.get(pk) or SpeakerSlot(application=speakers[pk], mode=speakers[pk].participation)
            if slot.pk is None or slot.position != position:
                slot.position = position
                slot._history_user = actor
                slot.save()


def update_speaker_slot(presession_id, ref, *, minutes, mode, time_zone="", actor=None):
    """Change one speaker's time budget, way of taking part and time zone."""
    (pk,) = _application_ids([ref])
    if not 1 <= int(minutes) <= MAX_MINUTES:
        raise DomainError(_("A speaker's time must be between 1 and %(max)s minutes.") % {"max": MAX_MINUTES})
    if mode not in SpeakerSlot.Mode.values:
        raise DomainError(_("Unknown way of taking part."))
    if time_zone and not is_valid_zone(time_zone):
        raise DomainError(_("Unknown time zone: %(zone)s.") % {"zone": time_zone})
    with transaction.atomic():
        speaker = _locked_speakers(presession_id, [pk])[pk]
        slot = SpeakerSlot.objects.select_for_update().filter(application=speaker).first()
        if slot is None:
            position = SpeakerSlot.objects.filter(application__presession_id=presession_id).count() + 1
            slot = SpeakerSlot(application=speaker, position=position)
        slot.minutes, slot.mode, slot.time_zone = int(minutes), mode, time_zone
        slot._history_user = actor
        slot.save()
    return slot


class SpeakerLineupEditor:
    """The ``LineupEditor`` presessions calls for refs ``application:<id>``."""

    def reorder(self, presession_id, refs, actor):
        reorder_speakers(presession_id, refs, actor)

    def update(self, presession_id, ref, *, minutes, mode, time_zone, actor):
        update_speaker_slot(presession_id, ref, minutes=minutes, mode=mode, time_zone=time_zone, actor=actor)
