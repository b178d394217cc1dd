import re

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from tablib import Dataset

from core.spreadsheets import neutralise_formula
from tests.factories.core import UserFactory
from upr.models import Cycle, RegionalGroup, Review, State, StateAlias, WorkingGroupSession
from upr.resources import ReviewResource, StateAliasResource, StateResource

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    """A superuser who has set up TOTP, so the MFA middleware lets them into the admin."""
    user = UserFactory(is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    client.force_login(user)
    client.user = user
    return client


def test_admin_requires_mfa_for_staff(client, reference_data):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:upr_state_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize(
    ("name", "query", "count", "first"),
    [
        ("regionalgroup", "weog", 1, ["Western European and Others Group (WEOG)"]),
        ("state", "tur", 2, ["Turkmenistan", "Türkiye"]),
        ("statealias", "tur", 11, ["Republic of Turkey → TUR", "Republic of Türkiye → TUR"]),
        ("cycle", "", 4, ["Cycle 1", "Cycle 2", "Cycle 3", "Cycle 4"]),
        ("workinggroupsession", "49", 1, ["WG 49"]),
        ("review", "tur", 8, ["Turkmenistan — WG 3", "Türkiye — WG 8"]),
        ("issue", "tur", 2, ["ESC rights - general", "Torture and other CID treatment"]),
    ],
)
def test_admin_changelist_and_search(staff_client, reference_data, name, query, count, first):
    response = staff_client.get(reverse(f"admin:upr_{name}_changelist"), {"q": query})

    changelist = response.context["cl"]
    assert changelist.result_count == count
    assert [str(row) for row in changelist.result_list[: len(first)]] == first
    assert escape(first[0]) in response.content.decode()


def test_admin_state_search_finds_aliases(staff_client, reference_data):
    response = staff_client.get(reverse("admin:upr_state_changelist"), {"q": "DPR Korea"})

    assert list(response.context["cl"].result_list) == [State.objects.get(iso3="PRK")]


def _one_of_each():
    group = RegionalGroup.objects.create(code="weog", name_en="WEOG", name_fr="GEOA", name_es="GEOA")
    state = State.objects.create(
        iso3="TUR", iso2="TR", name_en="T", name_fr="T", name_es="T", regional_group=group
    )
    session = WorkingGroupSession.objects.create(number=49, cycle=Cycle.objects.create(number=4))
    Review.objects.create(session=session, state=state)


@pytest.mark.parametrize("size", ["one", "many"])
@pytest.mark.parametrize(("name", "queries"), [("state", 7), ("review", 9), ("statealias", 8)])
def test_admin_changelist_query_count(staff_client, django_assert_num_queries, size, name, queries):
    if size == "one":
        _one_of_each()
        StateAlias.objects.create(name="Turkey", key="turkey", state=State.objects.get())
    else:
        from upr.services import load_reference_data

        load_reference_data()
    url = reverse(f"admin:upr_{name}_changelist")

    with django_assert_num_queries(queries):
        assert staff_client.get(url).status_code == 200


def test_admin_alias_save_computes_key(staff_client, reference_data):
    turkey = State.objects.get(iso3="TUR")

    response = staff_client.post(
        reverse("admin:upr_statealias_add"),
        {"name": "Türkei (Republik)", "state": turkey.pk, "source": "staff"},
    )

    assert response.status_code == 302
    alias = StateAlias.objects.get(name="Türkei (Republik)")
    assert (alias.key, alias.state) == ("turkei republik", turkey)


def test_admin_alias_refuses_a_name_another_alias_has(staff_client, reference_data):
    count = StateAlias.objects.count()

    response = staff_client.post(
        reverse("admin:upr_statealias_add"),
        {"name": "DPR  korea", "state": State.objects.get(iso3="KOR").pk, "source": "staff"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"] == [
        "“DPR  korea” is already an alias of Democratic People's Republic of Korea (as “DPR Korea”)."
    ]
    assert StateAlias.objects.count() == count


def test_admin_state_inline_alias_gets_its_key(staff_client, reference_data):
    state = State.objects.get(iso3="KIR")
    url = reverse("admin:upr_state_change", args=[state.pk])
    data = {
        "iso3": "KIR", "iso2": "KI",
        "name_en": state.name_en, "name_fr": state.name_fr, "name_es": state.name_es,
        "regional_group": state.regional_group_id, "status": "member",
        "aliases-TOTAL_FORMS": "1", "aliases-INITIAL_FORMS": "0", "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000", "aliases-0-name": "Gilbert Islands", "aliases-0-source": "staff",
    }  # fmt: skip

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert StateAlias.objects.get(name="Gilbert Islands").key == "gilbert islands"


def _csv_upload(text):
    return SimpleUploadedFile("states.csv", text.encode("utf-8"), content_type="text/csv")


def test_admin_import_preview_then_confirm_on_natural_key(staff_client, reference_data):
    text = (
        "iso3,iso2,name_en,name_fr,name_es,regional_group,status\n"
        "TUR,TR,Türkiye (edited),Türkiye,Türkiye,weog,member\n"
        "FRA,FR,France,France,Francia,weog,member\n"
    )
    preview = staff_client.post(
        reverse("admin:upr_state_import"), {"resource": "0", "format": "0", "import_file": _csv_upload(text)}
    )

    assert preview.status_code == 200
    assert State.objects.get(iso3="TUR").name_en == "Türkiye"  # nothing written by the preview
    result = preview.context["result"]
    assert [row.import_type for row in result.rows] == ["update", "skip"]
    confirm = preview.context["confirm_form"].initial

    done = staff_client.post(reverse("admin:upr_state_process_import"), confirm)

    assert done.status_code == 302
    assert State.objects.get(iso3="TUR").name_en == "Türkiye (edited)"
    assert State.objects.count() == 195
    assert State.history.filter(iso3="TUR").latest("history_date").history_user == staff_client.user


def test_admin_import_reports_an_unknown_regional_group(staff_client, reference_data):
    text = (
        "iso3,iso2,name_en,name_fr,name_es,regional_group,status\n"
        "TUR,TR,Türkiye,Türkiye,Türkiye,nowhere,member\n"
    )

    preview = staff_client.post(
        reverse("admin:upr_state_import"), {"resource": "0", "format": "0", "import_file": _csv_upload(text)}
    )

    result = preview.context["result"]
    assert result.has_validation_errors()
    assert result.invalid_rows[0].error_dict == {
        "regional_group": ["No regional group has the code “nowhere”."]
    }
    assert "confirm_form" not in preview.context


def test_admin_export_reviews_with_natural_keys(staff_client, reference_data):
    fields = ["session", "state", "order", "status", "is_derived", "source"]
    data = {"resource": "0", "format": "0", **{f"reviewresource_{field}": "on" for field in fields}}

    response = staff_client.post(reverse("admin:upr_review_export"), data)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "session,iso3,order,status,derived,source"
    assert len(lines) == 1 + Review.objects.count()
    assert any(re.match(r"^41,BHR,1,scheduled,0,wg_sessions_41-54\.csv", line) for line in lines)
    assert "50,USA,,postponed,0,wg_sessions_41-54.csv (list)" in lines


def test_resource_alias_key_is_computed_from_the_name(reference_data):
    dataset = Dataset(headers=["name", "key", "iso3", "source"])
    dataset.append(["Türkei", "wrong key", "TUR", "staff"])

    result = StateAliasResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert StateAlias.objects.get(name="Türkei").key == "turkei"


def test_resource_review_round_trip_changes_nothing(reference_data):
    exported = ReviewResource().export(Review.objects.filter(session__number__gte=50))
    history = Review.history.count()

    result = ReviewResource().import_data(exported, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == len(exported) == 69
    assert Review.objects.count() == 774
    assert Review.history.count() == history


def test_resource_state_import_updates_by_iso3(reference_data):
    dataset = StateResource().export(State.objects.filter(iso3="CYP"))
    dataset[0] = tuple("weog" if value == "asia-pacific" else value for value in dataset[0])

    result = StateResource().import_data(dataset, dry_run=False)

    assert result.totals["update"] == 1
    assert State.objects.get(iso3="CYP").regional_group.code == "weog"
    assert State.objects.count() == 195


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Türkiye", "Türkiye"),
        (3, 3),
    ],
)
def test_neutralise_formula(value, safe):
    assert neutralise_formula(value) == safe


def test_resource_export_neutralises_formulas(reference_data):
    StateAlias.objects.create(name="=HYPERLINK(1)", key="hyperlink 1", state=State.objects.get(iso3="TUR"))

    dataset = StateAliasResource().export(StateAlias.objects.filter(key="hyperlink 1"))

    assert dataset.dict[0]["name"] == "'=HYPERLINK(1)"


def test_admin_export_states_as_xlsx(staff_client, reference_data):
    import io

    import openpyxl

    fields = ["iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group", "status"]
    data = {"resource": "0", "format": "1", **{f"stateresource_{field}": "on" for field in fields}}

    response = staff_client.post(reverse("admin:upr_state_export"), data)

    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("iso3", "iso2", "name_en", "name_fr", "name_es", "regional_group", "status")
    assert ("TUR", "TR", "Türkiye", "Türkiye", "Türkiye", "weog", "member") in rows
    assert len(rows) == 196


def test_admin_history_shows_the_load(staff_client, reference_data):
    state = State.objects.get(iso3="TUR")

    response = staff_client.get(reverse("admin:upr_state_history", args=[state.pk]))

    assert response.status_code == 200
    assert "load_reference_data" in response.content.decode()


def test_admin_export_as_xlsx_replaces_control_characters(staff_client, reference_data):
    import io

    import openpyxl

    StateAlias.objects.create(name="\x1b[31mred", key="31mred", state=State.objects.get(iso3="TUR"))
    data = {"resource": "0", "format": "1", **{f"statealiasresource_{f}": "on" for f in ["name", "key"]}}

    response = staff_client.post(reverse("admin:upr_statealias_export"), data)

    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert ("\ufffd[31mred", "31mred") in rows
