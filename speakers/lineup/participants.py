"""The participant provider ``presessions`` reads the running order from (see its ``participants.py``).

It reads plain rows (``values_list``), one query for any number of panels: public pages call it on every
request, so that a risk flag or a withdrawn consent applies at once.
"""

from presessions.programme.participants import Participant, public_identity
from presessions.programme.timezones import country_time_zone
from speakers.applications.models import Application

from .models import DEFAULT_MINUTES

COLUMNS = (
    "pk",
    "presession_id",
    "speaker_name",
    "speaker_email",
    "language",
    "participation",
    "at_risk",
    "consent_publish_name",
    "consent_publish_organisation",
    "organisation_id",
    "organisation__name",
    "organisation__country__iso2",
    "slot__position",
    "slot__minutes",
    "slot__mode",
    "slot__time_zone",
)


def confirmed_speakers(presession_ids):
    """Confirmed applications of the panels as dicts of ``COLUMNS``, in 1 query."""
    rows = (
        Application.objects.filter(presession_id__in=presession_ids, status=Application.Status.CONFIRMED)
        .order_by("presession_id", "confirmed_at", "pk")
        .values_list(*COLUMNS)
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


def running_order(rows):
    """The rows of one panel sorted by their place (those without a slot last, in confirmation order)."""
    return sorted(
        rows, key=lambda row: (0, row["slot__position"]) if row["slot__position"] is not None else (1, 0)
    )


def participant_of(row, position):
    has_slot = row["slot__position"] is not None
    public_name, public_organisation = public_identity(
        row["speaker_name"],
        row["organisation__name"],
        at_risk=row["at_risk"],
        consent_name=row["consent_publish_name"],
        consent_organisation=row["consent_publish_organisation"],
    )
    email = (row["speaker_email"] or "").strip().lower()
    own_zone = row["slot__time_zone"] if has_slot else ""
    return Participant(
        presession_id=row["presession_id"],
        position=position,
        name=row["speaker_name"],
        organisation=row["organisation__name"],
        public_name=public_name,
        public_organisation=public_organisation,
        person_key=email or f"application:{row['pk']}",
        organisation_key=f"organisation:{row['organisation_id']}",
        email=email,
        language=row["language"] or "en",
        mode=row["slot__mode"] if has_slot else row["participation"],
        time_zone=own_zone or country_time_zone(row["organisation__country__iso2"]),
        minutes=row["slot__minutes"] if has_slot else DEFAULT_MINUTES,
        ref=f"application:{row['pk']}",
        at_risk=row["at_risk"],
    )


def lineup_participants(presession_ids):
    """Every confirmed speaker of the panels as a ``Participant``, numbered 1.. in running order."""
    by_panel = {}
    for row in confirmed_speakers(presession_ids):
        by_panel.setdefault(row["presession_id"], []).append(row)
    for rows in by_panel.values():
        for position, row in enumerate(running_order(rows), start=1):
            yield participant_of(row, position)
