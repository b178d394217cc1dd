from types import SimpleNamespace

import pytest

from tests.factories.embassies import DiplomatFactory, MissionFactory
from tests.factories.presessions import IssueFactory, StateFactory
from tests.factories.world import _fast_passwords, login, user_with_mfa  # noqa: F401


@pytest.fixture
def staff(db):
    return user_with_mfa(is_staff=True, email="staff@example.org")


@pytest.fixture
def missions(db):
    """Two Missions; the first with two diplomats, one holding a portfolio of two issues."""
    water, health = IssueFactory(name_en="Water"), IssueFactory(name_en="Health")
    alpha = MissionFactory(state=StateFactory(name_en="Alphaland", iso3="QAL"))
    beta = MissionFactory(state=StateFactory(name_en="Betaland", iso3="QBE"), language="fr")
    ana = DiplomatFactory(
        mission=alpha, name="Ana Pérez", email="ana@alpha.example.org", issues=[water, health]
    )
    ben = DiplomatFactory(mission=alpha, name="Ben Okoro", email="ben@alpha.example.org")
    return SimpleNamespace(alpha=alpha, beta=beta, ana=ana, ben=ben, water=water, health=health)
