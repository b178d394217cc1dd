"""Permanent Missions and diplomats: staff pages, rotation, permissions, escaping."""

import datetime as dt

import pytest
from django.urls import reverse

from core.errors import DomainError
from embassies.missions import services
from embassies.missions.models import Diplomat, PermanentMission
from tests.factories.core import UserFactory
from tests.factories.embassies import DiplomatFactory, MissionFactory
from tests.factories.presessions import StateFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 30])
def test_mission_list_query_count_is_constant(staff, client, django_assert_num_queries, count):
    for _ in range(count):
        DiplomatFactory(mission=MissionFactory())
    client.force_login(staff)
    client.get(reverse("embassies:mission_list"))

    with django_assert_num_queries(6):
        response = client.get(reverse("embassies:mission_list"))

    assert len(response.context["page"].object_list) == count


def test_mission_list_finds_by_state_iso3_and_diplomat_name(staff, client, missions):
    client.force_login(staff)

    by_name = client.get(reverse("embassies:mission_list"), {"q": "okoro"}).context["page"]
    by_iso3 = client.get(reverse("embassies:mission_list"), {"q": "qbe"}).context["page"]

    assert [m.state.iso3 for m in by_name] == ["QAL"]
    assert [m.state.iso3 for m in by_iso3] == ["QBE"]
    assert by_name[0].active_diplomats == 2


def test_mission_list_filters_observer_states(staff, client, missions):
    observer = MissionFactory(state=StateFactory(name_en="Holy Testsee", regional_group=None))
    client.force_login(staff)

    page = client.get(reverse("embassies:mission_list"), {"group": "observer"}).context["page"]

    assert list(page) == [observer]


@pytest.mark.parametrize("name", ["embassies:mission_list"])
def test_mission_pages_refuse_anyone_but_staff(client, missions, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    client.force_login(UserFactory(is_applicant=True, is_diplomat=True))
    assert client.get(url).status_code == 403
    detail = reverse("embassies:mission_detail", args=["QAL"])
    assert client.get(detail).status_code == 403


def test_mission_detail_saves_contact_details(staff, client, missions):
    client.force_login(staff)

    response = client.post(
        reverse("embassies:mission_detail", args=["qal"]),
        {
            "address": "Rue 1",
            "email": "Info@Alpha.example.org",
            "phone": "+41",
            "language": "es",
            "notes": "",
        },
    )

    assert response.status_code == 302
    missions.alpha.refresh_from_db()
    assert (missions.alpha.email, missions.alpha.language) == ("info@alpha.example.org", "es")
    assert missions.alpha.history.count() == 2


def test_mission_detail_escapes_diplomat_free_text(staff, client, missions):
    DiplomatFactory(mission=missions.alpha, name="<script>alert(1)</script>", email="x@example.org")
    client.force_login(staff)

    html = client.get(reverse("embassies:mission_detail", args=["QAL"])).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_diplomat_create_refuses_an_email_in_use_whatever_its_case(staff, client, missions):
    client.force_login(staff)

    response = client.post(
        reverse("embassies:diplomat_create", args=["QBE"]),
        {"name": "Clone", "title": "counsellor", "email": "ANA@alpha.example.org", "language": "fr"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Another diplomat already has the e-mail address ana@alpha.example.org."
    ]
    assert Diplomat.objects.count() == 2


def test_diplomat_create_sets_portfolio(staff, client, missions):
    client.force_login(staff)

    client.post(
        reverse("embassies:diplomat_create", args=["QBE"]),
        {"name": "Chloé", "title": "counsellor", "email": "c@beta.example.org", "language": "fr",
         "issues": [missions.water.pk]},
    )  # fmt: skip

    chloe = Diplomat.objects.get(email="c@beta.example.org")
    assert (chloe.mission, list(chloe.issues.all())) == (missions.beta, [missions.water])


def test_rotate_diplomat_passes_the_portfolio_to_a_new_successor(missions):
    left = services.rotate_diplomat(
        missions.ana,
        left_on=dt.date(2026, 9, 1),
        successor_values={"name": "Carla Ruiz", "email": "carla@alpha.example.org", "language": "es"},
    )

    carla = Diplomat.objects.get(email="carla@alpha.example.org")
    assert (left.status, left.left_on, left.successor) == ("left", dt.date(2026, 9, 1), carla)
    assert set(carla.issues.all()) == {missions.water, missions.health}
    assert set(missions.ana.issues.all()) == {missions.water, missions.health}
    statuses = [h.status for h in missions.ana.history.order_by("history_date")]
    assert (statuses[0], statuses[-1]) == ("active", "left")


def test_rotate_diplomat_to_a_listed_colleague_and_refuses_a_second_departure(missions):
    services.rotate_diplomat(missions.ana, successor=missions.ben)

    assert set(missions.ben.issues.all()) == {missions.water, missions.health}
    with pytest.raises(DomainError, match="has already left"):
        services.rotate_diplomat(missions.ana)


def test_rotate_diplomat_refuses_a_successor_of_another_mission(missions):
    other = DiplomatFactory(mission=missions.beta)

    with pytest.raises(DomainError, match="same Mission"):
        services.rotate_diplomat(missions.ana, successor=other)

    missions.ana.refresh_from_db()
    assert missions.ana.status == "active"


def test_rotation_page_records_departure_with_new_successor(staff, client, missions):
    client.force_login(staff)

    response = client.post(
        reverse("embassies:diplomat_rotate", args=["QAL", missions.ana.pk]),
        {"left_on": "2026-10-01", "successor_name": "Dan", "successor_email": "dan@alpha.example.org",
         "successor_title": "counsellor", "successor_language": "en"},
    )  # fmt: skip

    assert response.status_code == 302
    missions.ana.refresh_from_db()
    assert missions.ana.successor.email == "dan@alpha.example.org"


def test_diplomat_pages_answer_404_for_a_diplomat_of_another_mission(staff, client, missions):
    client.force_login(staff)

    response = client.get(reverse("embassies:diplomat_edit", args=["QBE", missions.ana.pk]))

    assert response.status_code == 404


def test_ensure_missions_creates_one_per_state_once():
    states = [StateFactory(), StateFactory()]

    assert services.ensure_missions(states) == 2
    assert services.ensure_missions(states) == 0
    assert PermanentMission.objects.count() == 2
    assert PermanentMission.history.count() == 2
