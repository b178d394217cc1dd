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


@pytest.fixture
def panel(db):
    """A panel on Surland (WG 110, cycle 4) with earlier recommendations from Alphaland and Betaland.

    Alphaland (WEOG) made two recommendations on water, Betaland (WEOG) one on health; Gammaland
    (African group) sits in the troika and made none. Each State has a Mission.
    """
    from tests.factories.presessions import (
        CycleFactory,
        PresessionFactory,
        RegionalGroupFactory,
        ReviewFactory,
        RoundFactory,
        SessionFactory,
        geneva,
    )
    from tests.factories.programme import RoomFactory
    from tests.factories.upr import RecommendationFactory

    water, health = IssueFactory(name_en="Water"), IssueFactory(name_en="Health")
    africa = RegionalGroupFactory(code="AFRICAN", name_en="African States")
    sur = StateFactory(name_en="Surland")
    alpha = StateFactory(name_en="Alphaland")
    beta = StateFactory(name_en="Betaland")
    gamma = StateFactory(name_en="Gammaland", regional_group=africa)
    round_ = RoundFactory(session=SessionFactory(number=110, cycle=CycleFactory(number=4)))
    presession = PresessionFactory(
        round=round_,
        review=ReviewFactory(session=round_.session, state=sur),
        status="confirmed",
        starts_at=geneva(2027, 3, 1, 10, 0),
        ends_at=geneva(2027, 3, 1, 11, 0),
        room=RoomFactory(
            round=round_, name="Room XXIV", mode="hybrid", meeting_url="https://meet.example.org/x"
        ),
        moderator_name="Mo Derator",
        moderator_email="mo@example.org",
    )
    presession.review.troika.add(gamma)
    earlier = ReviewFactory(session=SessionFactory(number=70, cycle=CycleFactory(number=3)), state=sur)
    RecommendationFactory(review=earlier, states=[alpha], issues=[water], text="Ensure clean water.")
    RecommendationFactory(review=earlier, states=[alpha], issues=[water], text="Protect rivers.")
    RecommendationFactory(review=earlier, states=[beta], issues=[health], text="Fund clinics.")
    missions = {state.name_en: MissionFactory(state=state) for state in (sur, alpha, beta, gamma)}
    return SimpleNamespace(
        presession=presession, water=water, health=health, missions=missions, sur=sur, alpha=alpha
    )


@pytest.fixture
def sent(panel, django_capture_on_commit_callbacks):
    """The panel's guest list (SuR + recommenders on water + troika) sent; Alphaland has two diplomats
    (English and French), the others only their generic address. Returns ``{state name: invitation}``."""
    from django.core import mail

    from embassies.invitations import delivery, services
    from embassies.invitations.models import Invitation
    from embassies.invitations.targeting import GuestRules, build_guest_list

    alpha = panel.missions["Alphaland"]
    DiplomatFactory(mission=alpha, name="Ana Pérez", email="ana@alpha.example.org", language="en")
    DiplomatFactory(mission=alpha, name="Alain Roux", email="alain@alpha.example.org", language="fr")
    rules = GuestRules(recommended=True, issues=[panel.water], troika=True)
    services.add_guests(panel.presession, build_guest_list(panel.presession, rules))
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_invitations([panel.presession.pk])
    mail.outbox.clear()
    return {i.label: i for i in Invitation.objects.select_related("mission__state")}
