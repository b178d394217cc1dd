"""A panel's running order: the Mission's opening, the speakers, the follow-up, questions from the floor."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Item:
    """One line of the running order, with its start offset in minutes from the panel's start."""

    kind: str  # "opening", "speaker", "followup", "floor"
    label: str
    minutes: int
    offset: int
    participant: object = None


def running_order_minutes(panel, participants):
    return (
        panel.opening_minutes
        + sum(p.minutes for p in participants)
        + panel.followup_minutes
        + panel.floor_minutes
    )


def running_order(panel, participants, *, public=True):
    """The panel's items in order; speakers by their public name unless ``public`` is False (staff)."""
    items, offset = [], 0

    def add(kind, label, minutes, participant=None):
        nonlocal offset
        items.append(Item(kind, str(label), minutes, offset, participant))
        offset += minutes

    if panel.opening_minutes:
        # Translators: the opening statement of the Permanent Mission of the State under Review.
        add(
            "opening",
            _("Opening by the Permanent Mission of %(state)s") % {"state": panel.review.state.name},
            panel.opening_minutes,
        )
    for participant in participants:
        name = participant.public_name if public else participant.name
        organisation = participant.public_organisation if public else participant.organisation
        add("speaker", f"{name} ({organisation})" if organisation else name, participant.minutes, participant)
    if panel.followup_minutes:
        add("followup", _("Follow-up questions by the moderator"), panel.followup_minutes)
    if panel.floor_minutes:
        add("floor", _("Questions from the floor"), panel.floor_minutes)
    return items


def remaining_minutes(panel, participants):
    """Minutes left in the slot once the running order is played (negative: it overruns)."""
    return panel.slot_minutes - running_order_minutes(panel, participants)
