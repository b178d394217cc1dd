"""Check-in on the day and the attendance figures, charts and exports."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from embassies.attendance import services
from embassies.attendance.figures import round_figures
from embassies.attendance.models import CheckIn
from embassies.invitations import delivery
from embassies.invitations import services as invitation_services
from embassies.invitations.targeting import GuestRules, build_guest_list
from tests.factories.core import UserFactory
from tests.factories.embassies import MissionFactory
from tests.factories.presessions import StateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(sent):
    """Alphaland answered yes with two named delegates, Gammaland no, Surland has not answered."""
    invitation_services.record_rsvp(
        sent["Alphaland"], response="yes", delegates=2, delegate_names="Ana Pérez\nAlain Roux", channel="link"
    )
    invitation_services.record_rsvp(sent["Gammaland"], response="no", channel="link")
    return sent


def _tap(client, panel, mission, **data):
    return client.post(
        reverse("embassies:checkin_tap", args=[panel.presession.token]), {"mission": mission.pk, **data}
    )


def test_checkin_tap_records_a_delegate_once(answered, panel, staff, client):
    client.force_login(staff)
    alpha = panel.missions["Alphaland"]

    first = _tap(client, panel, alpha, name="Ana Pérez")
    _tap(client, panel, alpha, name="  ana   pérez ")

    checkin = CheckIn.objects.get()
    assert first.status_code == 302 and first["Location"].endswith(f"#mission-{alpha.pk}")
    assert (checkin.name, checkin.walk_in, checkin.invitation, checkin.checked_in_by) == (
        "Ana Pérez",
        False,
        answered["Alphaland"],
        staff,
    )


def test_checkin_of_a_mission_not_invited_is_a_walk_in(answered, panel, staff):
    beta = panel.missions["Betaland"]

    checkin = services.check_in(panel.presession, beta, "Bea", by=staff)

    assert (checkin.walk_in, checkin.invitation) == (True, None)


def test_checkin_undo_removes_the_tap(answered, panel, staff, client):
    client.force_login(staff)
    alpha = panel.missions["Alphaland"]
    checkin = services.check_in(panel.presession, alpha, "Ana Pérez")

    _tap(client, panel, alpha, undo=checkin.pk)

    assert CheckIn.objects.count() == 0


def test_checkin_tap_with_htmx_returns_only_the_missions_row(answered, panel, staff, client):
    client.force_login(staff)
    alpha = panel.missions["Alphaland"]

    response = client.post(
        reverse("embassies:checkin_tap", args=[panel.presession.token]),
        {"mission": alpha.pk, "name": "Ana Pérez"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert html.startswith(f'<li class="checkin-row" id="mission-{alpha.pk}">')
    assert "✓ Ana Pérez" in html and ">Alain Roux<" in html
    assert "<html" not in html


def test_checkin_page_finds_by_state_or_delegate_name(answered, panel, staff, client):
    client.force_login(staff)
    url = reverse("embassies:checkin", args=[panel.presession.token])

    by_state = client.get(url, {"q": "gamma"}).context["rows"]
    by_name = client.get(url, {"q": "roux"}).context["rows"]

    assert [r.mission.state.name_en for r in by_state] == ["Gammaland"]
    assert [r.mission.state.name_en for r in by_name] == ["Alphaland"]


@pytest.mark.parametrize("count", [1, 25])
def test_checkin_page_query_count_is_constant(
    panel, staff, client, django_assert_num_queries, count, django_capture_on_commit_callbacks
):
    missions = [MissionFactory() for _ in range(count)]
    invitation_services.add_guests(
        panel.presession, build_guest_list(panel.presession, GuestRules(missions=missions))
    )
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_invitations([panel.presession.pk])
    for mission in missions:
        services.check_in(panel.presession, mission, "Someone")
    client.force_login(staff)
    url = reverse("embassies:checkin", args=[panel.presession.token])
    client.get(url)

    with django_assert_num_queries(7):
        response = client.get(url)

    assert len(response.context["rows"]) == count + 1


def test_round_figures_count_invited_answered_expected_present_and_groups(answered, panel):
    services.check_in(panel.presession, panel.missions["Alphaland"], "Ana Pérez")
    services.check_in(panel.presession, panel.missions["Alphaland"], "Alain Roux")
    services.check_in(panel.presession, panel.missions["Surland"], "Sura")
    services.check_in(panel.presession, panel.missions["Betaland"], "Bea")

    figures = round_figures(panel.presession.round)

    (figure,) = figures.panels
    assert (figure.invited, figure.answered, figure.expected_missions, figure.expected_delegates) == (
        3,
        2,
        1,
        2,
    )
    assert (figure.attended_missions, figure.attended_delegates, figure.walk_ins, figure.sur_present) == (
        3,
        4,
        1,
        True,
    )
    assert dict(figure.by_group) == {"WEOG": 3}
    assert (figures.attended_missions, figures.attended_delegates, figures.delegates_per_panel) == (3, 4, 4.0)


@pytest.mark.parametrize("panels", [1, 6])
def test_attendance_figures_page_query_count_is_constant(
    panel, staff, client, django_assert_num_queries, panels
):
    from tests.factories.presessions import PresessionFactory

    for _ in range(panels - 1):
        other = PresessionFactory(round=panel.presession.round)
        services.check_in(other, MissionFactory(state=StateFactory()), "Someone")
    client.force_login(staff)
    url = reverse("embassies:attendance_figures", args=[panel.presession.round.number])
    client.get(url)

    with django_assert_num_queries(8):
        response = client.get(url)

    assert len(response.context["figures"].panels) == panels
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in response.content.decode()


def test_attendance_exports_neutralise_formulas_in_delegate_names(answered, panel, staff, client):
    services.check_in(panel.presession, panel.missions["Alphaland"], '=HYPERLINK("http://evil")')
    client.force_login(staff)
    number = panel.presession.round.number

    csv_response = client.get(reverse("embassies:attendance_export", args=[number, "checkins", "csv"]))
    xlsx_response = client.get(reverse("embassies:attendance_export", args=[number, "checkins", "xlsx"]))
    figures_response = client.get(reverse("embassies:attendance_export", args=[number, "figures", "csv"]))

    rows = list(csv.reader(io.StringIO(csv_response.content.decode())))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    figure_rows = list(csv.reader(io.StringIO(figures_response.content.decode())))
    assert rows[1][:4] == ["Surland", "Alphaland", '\'=HYPERLINK("http://evil")', "no"]
    assert sheet.cell(row=2, column=3).value == '\'=HYPERLINK("http://evil")'
    assert figure_rows[1][:10] == [
        "Surland",
        "2027-03-01T10:00:00+01:00",
        "3",
        "2",
        "1",
        "2",
        "1",
        "1",
        "0",
        "no",
    ]


def test_attendance_pages_refuse_anyone_but_staff(panel, client):
    client.force_login(UserFactory(is_diplomat=True))

    codes = [
        client.get(reverse("embassies:checkin", args=[panel.presession.token])).status_code,
        client.get(reverse("embassies:attendance_figures", args=[panel.presession.round.number])).status_code,
        client.get(
            reverse("embassies:attendance_export", args=[panel.presession.round.number, "checkins", "csv"])
        ).status_code,
    ]

    assert codes == [403, 403, 403]
