"""Demo Missions: one per State in the reference data, with clearly fictional contacts.

Connected to ``speakers.demo.demo_seeded`` in ``EmbassiesConfig.ready``; idempotent (existing Missions and
diplomats are left alone). Addresses use ``example.org`` (reserved, never delivered).
"""

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from upr.models import State

from . import services
from .models import Diplomat, PermanentMission

# Missions that work in French or Spanish (a plausible default for the demo; editable data).
FRENCH = {
    "BEL", "BEN", "BFA", "BDI", "CMR", "CAF", "TCD", "COM", "COG", "COD", "CIV", "DJI", "FRA", "GAB",
    "GIN", "HTI", "LUX", "MDG", "MLI", "MCO", "NER", "RWA", "SEN", "SYC", "TGO", "TUN", "MAR", "DZA",
    "MRT", "LBN", "VUT",
}  # fmt: skip
SPANISH = {
    "ARG", "BOL", "CHL", "COL", "CRI", "CUB", "DOM", "ECU", "SLV", "GNQ", "GTM", "HND", "MEX", "NIC",
    "PAN", "PRY", "PER", "ESP", "URY", "VEN",
}  # fmt: skip


def demo_language(iso3):
    return "fr" if iso3 in FRENCH else "es" if iso3 in SPANISH else "en"


def demo_contact(state):
    iso3 = state.iso3.lower()
    return {
        "address": f"[Demo] Rue Fictive {state.pk}, 1200 Genève",
        "email": f"mission.{iso3}@example.org",
        "phone": "+41 22 000 00 00",
        "language": demo_language(state.iso3),
        "notes": "[Demo] Fictional contact details.",
    }


@transaction.atomic
def seed_missions():
    """Missions for every State and one fictional delegate each; returns the number of rows created."""
    states = list(State.objects.order_by("iso3"))
    created = services.ensure_missions(states, contact=demo_contact)
    missions = PermanentMission.objects.select_related("state").filter(diplomats__isnull=True)
    delegates = [
        Diplomat(
            mission=mission,
            name=f"[Demo] Delegate of {mission.state.name_en}",
            title=Diplomat.Title.FIRST_SECRETARY,
            email=f"delegate.{mission.state.iso3.lower()}@example.org",
            language=mission.language,
        )
        for mission in missions
    ]
    return created + len(bulk_create_with_history(delegates, Diplomat, batch_size=500))


def on_demo_seeded(sender, **kwargs):
    return seed_missions()
