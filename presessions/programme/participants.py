"""The extension point through which the programme learns who speaks on a panel.

Speakers live in the ``speakers`` app, above this one: ``presessions`` never imports it. Instead,
``speakers`` registers a *participant provider* in its ``AppConfig.ready``::

    register_participant_provider(lineup_participants)

A provider takes a list of Presession ids and returns ``Participant`` rows (plain, frozen dataclasses)
for the confirmed speakers of those panels, in running order. ``participants_for`` asks every provider
at once, so a page pays each provider's queries once, whatever the number of panels.

Public output (pages, .ics, JSON, XML, PDF) uses ``public_name``/``public_organisation`` only: they are
decided by ``public_identity``, the one masking rule. ``name``/``organisation`` are for staff pages and
the person's own mail.
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

# Translators: shown instead of the name of a speaker who is at risk or did not consent to be named.
MASKED_SPEAKER = _("a civil-society speaker")

IN_PERSON = "in_person"
ONLINE = "online"


@dataclass(frozen=True)
class Participant:
    """One speaker in a panel's running order."""

    presession_id: int
    position: int  # 1-based place in the running order
    name: str  # real name: staff pages and the person's own mail only
    organisation: str  # real organisation: staff pages and the person's own mail only
    public_name: str  # masked when at risk or without consent
    public_organisation: str  # "" when at risk or without consent
    person_key: str  # the same person across panels (lower-case e-mail, else a stable id)
    organisation_key: str  # the same organisation across panels
    email: str
    language: str  # ISO 639-1, for their mail
    mode: str  # IN_PERSON or ONLINE
    time_zone: str  # IANA zone of the speaker's country (for online speakers' local time)
    minutes: int  # time budget in the running order
    ref: str  # the provider's own reference (e.g. "application:42"), for staff links and reordering
    at_risk: bool = False

    @property
    def is_online(self):
        return self.mode == ONLINE

    @property
    def is_masked(self):
        return self.public_name == str(MASKED_SPEAKER)


def public_identity(name, organisation, *, at_risk, consent_name, consent_organisation):
    """``(public_name, public_organisation)``: the one rule for what the public may see of a speaker.

    At risk: nothing (the masked label, no organisation), whatever the consents. Otherwise the name only
    with its consent, the organisation only with its consent.
    """
    if at_risk:
        return str(MASKED_SPEAKER), ""
    public_name = name if consent_name and name else str(MASKED_SPEAKER)
    public_organisation = organisation if consent_organisation else ""
    return public_name, public_organisation


_providers = []


def register_participant_provider(provider):
    """Add ``provider(presession_ids) -> iterable[Participant]``; registering twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)


def participants_for(presession_ids):
    """``{presession_id: [Participant, ...]}`` in running order, for every given id (empty lists too)."""
    ids = list(presession_ids)
    found = defaultdict(list)
    if ids:
        for provider in _providers:
            for participant in provider(ids):
                found[participant.presession_id].append(participant)
    return {pk: sorted(found[pk], key=lambda p: p.position) for pk in ids}


class LineupEditor(Protocol):
    """What a provider that lets staff change the running order implements (see ``speakers.lineup``).

    ``reorder`` puts the participants in the order of ``refs``; ``update`` changes one participant's
    time budget, mode and time zone. Both raise ``DomainError`` for a ref that is not a speaker of the panel.
    """

    def reorder(self, presession_id, refs, actor): ...

    def update(self, presession_id, ref, *, minutes, mode, time_zone, actor): ...


_editors = {}


def register_lineup_editor(prefix, editor):
    """Let ``editor`` (a ``LineupEditor``) change the participants whose ``ref`` starts with ``prefix:``."""
    _editors[prefix] = editor


def _editor_of(ref):
    editor = _editors.get(str(ref).split(":", 1)[0])
    if editor is None:
        raise DomainError(gettext("This speaker cannot be moved here."))
    return editor


def reorder_participants(presession, refs, *, actor=None):
    """Put the panel's participants in the order of ``refs`` (every ref of the panel, once)."""
    current = [p.ref for p in participants_for([presession.pk])[presession.pk]]
    if sorted(refs) != sorted(current):
        raise DomainError(gettext("The running order changed meanwhile; reload the page and try again."))
    if refs:
        _editor_of(refs[0]).reorder(presession.pk, list(refs), actor)


def move_participant(presession, ref, direction, *, actor=None):
    """Move one participant up (``direction`` -1) or down (+1) in the running order."""
    refs = [p.ref for p in participants_for([presession.pk])[presession.pk]]
    if ref in refs:
        index = refs.index(ref)
        target = index + direction
        if 0 <= target < len(refs):
            refs[index], refs[target] = refs[target], refs[index]
    reorder_participants(presession, refs, actor=actor)


def update_participant(presession, ref, *, minutes, mode, time_zone="", actor=None):
    _editor_of(ref).update(presession.pk, ref, minutes=minutes, mode=mode, time_zone=time_zone, actor=actor)
