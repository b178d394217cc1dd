"""seed_demo: a Mission for every State of the reference data, with fictional contacts."""

import pytest

from embassies.missions.demo import seed_missions
from embassies.missions.models import Diplomat, PermanentMission
from upr.services import load_reference_data

pytestmark = pytest.mark.django_db


def test_seed_missions_covers_all_195_states_once():
    load_reference_data()

    created = seed_missions()
    again = seed_missions()

    assert (created, again) == (390, 0)
    assert PermanentMission.objects.count() == 195
    france = PermanentMission.objects.get(state__iso3="FRA")
    assert (france.email, france.language) == ("mission.fra@example.org", "fr")
    assert PermanentMission.objects.filter(state__status="observer").count() == 2
    assert Diplomat.objects.exclude(email__endswith="@example.org").count() == 0
