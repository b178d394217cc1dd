import pytest

from presessions.programme.participants import MASKED_SPEAKER, participants_for, public_identity
from speakers.lineup.models import SpeakerSlot
from speakers.models import Application
from tests.factories.presessions import StateFactory
from tests.factories.programme import PlacedPresessionFactory, SpeakerFactory, SpeakerSlotFactory
from tests.factories.speakers import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("at_risk", "consent_name", "consent_organisation", "expected"),
    [
        (False, True, True, ("Ana", "Org")),
        (False, False, True, (str(MASKED_SPEAKER), "Org")),
        (False, True, False, ("Ana", "")),
        (False, False, False, (str(MASKED_SPEAKER), "")),
        (True, True, True, (str(MASKED_SPEAKER), "")),
    ],
)
def test_public_identity_masks_at_risk_and_non_consenting(
    at_risk, consent_name, consent_organisation, expected
):
    result = public_identity(
        "Ana", "Org", at_risk=at_risk, consent_name=consent_name, consent_organisation=consent_organisation
    )

    assert result == expected


def test_participants_in_running_order_only_confirmed_unslotted_last():
    panel = PlacedPresessionFactory()
    late = SpeakerFactory(presession=panel, speaker_name="Late")
    second = SpeakerSlotFactory(application__presession=panel, application__speaker_name="Second", position=5)
    first = SpeakerSlotFactory(application__presession=panel, application__speaker_name="First", position=1)
    ApplicationFactory(presession=panel, status=Application.Status.SELECTED, speaker_name="Not yet")

    rows = participants_for([panel.pk])[panel.pk]

    assert [(p.position, p.name) for p in rows] == [(1, "First"), (2, "Second"), (3, "Late")]
    assert [p.ref for p in rows] == [
        f"application:{first.application_id}",
        f"application:{second.application_id}",
        f"application:{late.pk}",
    ]


def test_participant_of_at_risk_speaker_is_masked_for_the_public():
    panel = PlacedPresessionFactory()
    SpeakerFactory(
        presession=panel, speaker_name="Hidden Person", at_risk=True, organisation__name="Hidden Org"
    )

    (participant,) = participants_for([panel.pk])[panel.pk]

    assert (participant.public_name, participant.public_organisation) == (str(MASKED_SPEAKER), "")
    assert (participant.name, participant.organisation) == ("Hidden Person", "Hidden Org")
    assert participant.is_masked is True


def test_participant_keys_time_zone_and_mode():
    panel = PlacedPresessionFactory()
    organisation = OrganisationFactory(country=StateFactory(iso3="QJP", iso2="jp"))
    speaker = SpeakerFactory(
        presession=panel,
        organisation=organisation,
        speaker_email="Ana@Example.org",
        participation=Application.Participation.ONLINE,
        language="fr",
    )

    (participant,) = participants_for([panel.pk])[panel.pk]

    assert participant.person_key == "ana@example.org"
    assert participant.organisation_key == f"organisation:{organisation.pk}"
    assert (participant.mode, participant.time_zone, participant.minutes) == ("online", "Asia/Tokyo", 5)
    assert participant.language == "fr"
    assert participant.is_online is True
    assert speaker.pk


def test_participant_slot_overrides_mode_minutes_and_zone():
    slot = SpeakerSlotFactory(minutes=7, mode=SpeakerSlot.Mode.ONLINE, time_zone="America/Bogota")

    (participant,) = participants_for([slot.application.presession_id])[slot.application.presession_id]

    assert (participant.minutes, participant.mode, participant.time_zone) == (7, "online", "America/Bogota")


def test_participants_for_gives_every_panel_a_list():
    panel = PlacedPresessionFactory()

    assert participants_for([panel.pk]) == {panel.pk: []}
    assert participants_for([]) == {}


@pytest.mark.parametrize("panels", [1, 6])
def test_participants_for_costs_one_query_whatever_the_panels(panels, django_assert_num_queries):
    ids = []
    for _ in range(panels):
        panel = PlacedPresessionFactory()
        SpeakerSlotFactory(application__presession=panel)
        SpeakerFactory(presession=panel)
        ids.append(panel.pk)

    with django_assert_num_queries(1):
        result = participants_for(ids)

    assert sum(len(rows) for rows in result.values()) == 2 * panels
