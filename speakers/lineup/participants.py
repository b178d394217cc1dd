"""The participant provider ``presessions`` reads the running order from (see its ``participants.py``)."""

from presessions.programme.participants import Participant, public_identity
from presessions.programme.timezones import country_time_zone
from speakers.applications.models import Application

from .models import DEFAULT_MINUTES


def confirmed_speakers(presession_ids):
    """Confirmed applications of the panels with what a running order needs, in 1 query."""
    return (
        Application.objects.filter(presession_id__in=presession_ids, status=Application.Status.CONFIRMED)
        .select_related("organisation__country", "slot")
        .order_by("presession_id", "confirmed_at", "pk")
    )


def running_order(applications):
    """The applications of one panel sorted by their place (those without a slot last)."""

    def place(application):
        slot = getattr(application, "slot", None)
        return (0, slot.position) if slot is not None else (1, 0)

    return sorted(applications, key=place)


def participant_of(application, position):
    slot = getattr(application, "slot", None)
    organisation = application.organisation
    public_name, public_organisation = public_identity(
        application.speaker_name,
        organisation.name,
        at_risk=application.at_risk,
        consent_name=application.consent_publish_name,
        consent_organisation=application.consent_publish_organisation,
    )
    email = (application.speaker_email or "").strip().lower()
    return Participant(
        presession_id=application.presession_id,
        position=position,
        name=application.speaker_name,
        organisation=organisation.name,
        public_name=public_name,
        public_organisation=public_organisation,
        person_key=email or f"application:{application.pk}",
        organisation_key=f"organisation:{organisation.pk}",
        email=email,
        language=application.language or "en",
        mode=slot.mode if slot is not None else application.participation,
        time_zone=(slot.time_zone if slot is not None else "")
        or country_time_zone(organisation.country.iso2),
        minutes=slot.minutes if slot is not None else DEFAULT_MINUTES,
        ref=f"application:{application.pk}",
        at_risk=application.at_risk,
    )


def lineup_participants(presession_ids):
    """Every confirmed speaker of the panels as a ``Participant``, numbered 1.. in running order."""
    by_panel = {}
    for application in confirmed_speakers(presession_ids):
        by_panel.setdefault(application.presession_id, []).append(application)
    for applications in by_panel.values():
        for position, application in enumerate(running_order(applications), start=1):
            yield participant_of(application, position)
