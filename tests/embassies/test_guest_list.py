"""A panel's guest list: combinable rules, preview with reasons and sentences, one invitation per Mission."""

import pytest
from django.urls import reverse

from core.errors import DomainError
from embassies.invitations import services
from embassies.invitations.models import Invitation
from embassies.invitations.targeting import GuestRules, build_guest_list
from tests.factories.core import UserFactory
from tests.factories.embassies import MissionFactory

pytestmark = pytest.mark.django_db


def _names(guests):
    return [guest.mission.state.name_en for guest in guests]


def test_guest_list_without_rules_holds_the_sur_with_the_opening(panel):
    guests = build_guest_list(panel.presession, GuestRules())

    assert _names(guests) == ["Surland"]
    assert (guests[0].is_sur, guests[0].reasons) == (True, ["own"])


def test_guest_list_of_recommending_states_is_ordered_by_count_with_a_sentence(panel):
    guests = build_guest_list(
        panel.presession, GuestRules(recommended=True, issues=[panel.water, panel.health])
    )

    assert _names(guests) == ["Surland", "Alphaland", "Betaland"]
    assert [g.recommendation_count for g in guests] == [0, 2, 1]
    assert guests[2].sentence("en") == (
        "In the 3rd cycle your delegation recommended: “Fund clinics”. The State under Review supported it."
    )


def test_guest_list_on_one_issue_leaves_out_states_that_spoke_on_others(panel):
    guests = build_guest_list(panel.presession, GuestRules(recommended=True, issues=[panel.water]))

    assert _names(guests) == ["Surland", "Alphaland"]


def test_guest_list_combines_troika_group_and_hand_picked(panel):
    picked = panel.missions["Betaland"]
    rules = GuestRules(troika=True, groups=["AFRICAN"], missions=[picked])

    guests = build_guest_list(panel.presession, rules)

    assert {g.mission.state.name_en: g.reasons for g in guests} == {
        "Surland": ["own"],
        "Betaland": ["picked"],
        "Gammaland": ["troika", "group"],
    }


def test_guest_list_of_every_mission(panel):
    guests = build_guest_list(panel.presession, GuestRules(every=True))

    assert _names(guests) == ["Surland", "Alphaland", "Betaland", "Gammaland"]


def test_add_guests_keeps_one_invitation_per_mission_and_merges_reasons(panel):
    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(troika=True)))

    added = services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(every=True)))

    assert added == 2
    invitations = {i.mission.state.name_en: i for i in Invitation.objects.select_related("mission__state")}
    assert sorted(invitations) == ["Alphaland", "Betaland", "Gammaland", "Surland"]
    assert invitations["Gammaland"].reasons == ["every", "troika"]
    assert (invitations["Surland"].offer_opening, invitations["Alphaland"].offer_opening) == (True, False)


def test_withdraw_guest_refuses_the_sur_and_takes_others_off(panel):
    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(troika=True)))
    own = Invitation.objects.get(mission__state=panel.sur)
    troika = Invitation.objects.exclude(pk=own.pk).get()

    with pytest.raises(DomainError, match="always invited"):
        services.withdraw_guest(own)
    services.withdraw_guest(troika)

    troika.refresh_from_db()
    assert troika.status == "cancelled"


def test_guest_list_page_previews_then_adds(panel, staff, client):
    client.force_login(staff)
    url = reverse("embassies:guest_list", args=[panel.presession.token])
    rules = {"recommended": "on", "issues": [panel.water.pk], "troika": "on"}

    preview = client.get(url, {"preview": "1", **rules})
    response = client.post(url, rules)

    assert [g.mission.state.name_en for g in preview.context["guests"]] == [
        "Surland",
        "Alphaland",
        "Gammaland",
    ]
    assert "In the 3rd cycle your delegation made 2 recommendations" in preview.content.decode()
    assert response.status_code == 302
    assert Invitation.objects.count() == 3


@pytest.mark.parametrize("count", [1, 25])
def test_guest_list_page_query_count_is_constant(panel, staff, client, django_assert_num_queries, count):
    for _ in range(count):
        MissionFactory()
    services.add_guests(panel.presession, build_guest_list(panel.presession, GuestRules(every=True)))
    client.force_login(staff)
    url = reverse("embassies:guest_list", args=[panel.presession.token])
    client.get(url)

    with django_assert_num_queries(14):
        response = client.get(
            url, {"preview": "1", "every": "on", "recommended": "on", "issues": [panel.water.pk]}
        )

    assert len(response.context["guests"]) == count + 4


def test_guest_list_page_refuses_anyone_but_staff(panel, client):
    client.force_login(UserFactory(is_diplomat=True, is_applicant=True))

    response = client.get(reverse("embassies:guest_list", args=[panel.presession.token]))

    assert response.status_code == 403


@pytest.mark.parametrize("count", [1, 12])
def test_invitation_overview_query_count_is_constant(staff, client, django_assert_num_queries, count):
    from tests.factories.presessions import PresessionFactory, RoundFactory

    round_ = RoundFactory()
    for _ in range(count):
        presession = PresessionFactory(round=round_)
        MissionFactory(state=presession.review.state)
        services.add_guests(presession, build_guest_list(presession, GuestRules()))
    client.force_login(staff)
    client.get(reverse("embassies:invitation_overview"))

    with django_assert_num_queries(4):
        response = client.get(reverse("embassies:invitation_overview"))

    assert [panel.listed for panel in response.context["panels"]] == [1] * count
