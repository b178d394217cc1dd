import csv

import pytest

from upr.names import UPR_INFO_REGIONAL_GROUPS, StateNameResolver, UnknownStateName, normalise_name
from upr.reference import derive

ISSUE_EXAMPLES = {
    "Turkey": "TUR",
    "Türkiye": "TUR",
    "DPR Korea": "PRK",
    "Macedonia FYR": "MKD",
    "St Kitts & Nevis": "KNA",
    "Iran (Islamic Republic of)": "IRN",
    "Islamic Republic of Iran": "IRN",
    "Cape Verde": "CPV",
    "Swaziland": "SWZ",
}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Türkiye", "turkiye"),
        ("  TURKEY ", "turkey"),
        ("(Türkiye)", "turkiye"),
        ("(Côte d’Ivoire)", "cote divoire"),
        ("Cote d'Ivoire", "cote divoire"),
        ("St Kitts & Nevis", "saint kitts and nevis"),
        ("Saint-Kitts-et-Nevis", "saint kitts et nevis"),
        ("St. Lucia", "saint lucia"),
        ("Bahamas (the)", "bahamas"),
        ("Afganistán (el)", "afganistan"),
        ("Iran (Islamic Republic of)", "iran islamic republic of"),
        ("(Iran (Islamic Republic of))", "iran islamic republic of"),
        ("(France) (Lithuania)", "france lithuania"),
        ("the Gambia", "gambia"),
        ("Guinea-Bissau", "guinea bissau"),
        ("Korea, Republic of", "korea republic of"),
    ],
)
def test_normalise_name_rules(name, key):
    assert normalise_name(name) == key


def test_resolver_resolves_issue_examples(reference_data, django_assert_num_queries):
    with django_assert_num_queries(1):
        resolver = StateNameResolver()

    resolved = {name: resolver.resolve(name).iso3 for name in ISSUE_EXAMPLES}

    assert resolved == ISSUE_EXAMPLES


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("TUR", "TUR"),
        ("Turquie", "TUR"),
        ("Estados Unidos de América", "USA"),
        ("Congo", "COG"),
        ("Democratic Republic of Congo", "COD"),
        ("Holy See", "VAT"),
        ("Palestine", "PSE"),
        ("Netherlands", "NLD"),
        ("United Kingdom", "GBR"),
        ("(Bolivarian Republic of Venezuela)", "VEN"),
        ("(United Kingdom of Great Britain and Northern Ireland)", "GBR"),
        ("(Côte d’Ivoire)", "CIV"),
        ("Bosnia & Herzegovina", "BIH"),
    ],
)
def test_resolver_resolves_official_names_and_aliases(reference_data, name, iso3):
    assert StateNameResolver().resolve(name).iso3 == iso3


@pytest.mark.parametrize("name", ["&#40;Unknown&#41;", "Korea", "Atlantis", ""])
def test_resolver_unknown_name_is_an_error_naming_it(reference_data, name):
    resolver = StateNameResolver()

    with pytest.raises(UnknownStateName) as error:
        resolver.resolve(name)

    assert str(error.value) == f"Unknown State name: “{name}”."
    assert error.value.name == name
    assert resolver.get(name) is None


def test_resolver_never_creates_a_state(reference_data):
    from upr.models import State

    with pytest.raises(UnknownStateName):
        StateNameResolver().resolve("Republic of Atlantis")

    assert State.objects.count() == 195


def test_resolver_resolves_every_upr_info_name(reference_data, shared_data_dir):
    resolver = StateNameResolver()
    names, groups = set(), set()
    for row in derive.read_upr_info(shared_data_dir):
        for side in ("To", "From"):
            names.add(row[side])
            groups.add((row[side], row[f"{side}-Rgrp"]))

    unresolved = sorted(name for name in names if resolver.get(name) is None)
    mismatched = sorted(
        (name, group)
        for name, group in groups
        if resolver.get(name) is not None
        and _group_of(resolver.get(name)) != UPR_INFO_REGIONAL_GROUPS.get(group, group)
    )

    assert len(names) == 196
    assert unresolved == ["&#40;Unknown&#41;"]
    assert mismatched == []


def _group_of(state):
    return state.regional_group.code if state.regional_group else "Observer"


def test_resolver_resolves_every_calendar_and_matrix_name(reference_data, shared_data_dir):
    resolver = StateNameResolver()
    calendar = shared_data_dir / "calendar"
    with open(calendar / "wg_sessions_41-54.csv", encoding="utf-8", newline="") as handle:
        names = {row["state_under_review"] for row in csv.DictReader(handle)}
    with open(calendar / "sessions_1-20_terman.csv", encoding="utf-8", newline="") as handle:
        names |= {row["To"] for row in csv.DictReader(handle)}
    matrix = set(derive.matrix_names(shared_data_dir)) - derive.NOT_STATES_IN_MATRICES

    assert sorted(name for name in names | matrix if resolver.get(name) is None) == []
    assert len(matrix) == 173


def test_derive_reproduces_the_shipped_files(shared_data_dir):
    files, _summary = derive.derive(shared_data_dir)

    assert {path.name for path, text in files.items() if path.read_text("utf-8") != text} == set()


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        # Names of real files that did not resolve (issue 12).
        ("Congo, Democratic Republic of the", "COD"),
        ("Lao PDR", "LAO"),
        ("Saint Vincent", "VCT"),
        # Sorted-list spellings (ISO 3166, OHCHR and UN lists) read in natural order.
        ("Congo, Republic of the", "COG"),
        ("Congo (Democratic Republic of the)", "COD"),
        ("Congo, The Democratic Republic of the", "COD"),
        ("Gambia, The", "GMB"),
        ("Bahamas, The", "BHS"),
        ("Korea (Republic of)", "KOR"),
        ("Sudan, South", "SSD"),
        ("Guinea, Equatorial", "GNQ"),
        ("Saint Vincent and Grenadines", "VCT"),
    ],
)
def test_resolver_resolves_other_real_spellings(reference_data, name, iso3):
    assert StateNameResolver().resolve(name).iso3 == iso3


@pytest.mark.parametrize(
    "name", ["Holy See (Vatican)", "Congo, Kingdom of", "Guinea, New", "Korea, Northern"]
)
def test_resolver_natural_order_never_guesses(reference_data, name):
    assert StateNameResolver().get(name) is None
