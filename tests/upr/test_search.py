import csv
import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from core.spreadsheets import neutralise_formula
from tests.factories.core import UserFactory
from tests.factories.upr import (
    CycleFactory,
    IssueFactory,
    RecommendationFactory,
    RegionalGroupFactory,
    ReviewFactory,
    StateFactory,
    WorkingGroupSessionFactory,
)
from upr import search
from upr.models import Recommendation
from upr.selectors import search_recommendations

SUPPORTED = Recommendation.Response.SUPPORTED
NOTED = Recommendation.Response.NOTED
EVIL = '=HYPERLINK("http://evil.example") <b>Abolish torture</b> now'


@pytest.fixture
def corpus(db):
    """Four recommendations to two SuRs in two cycles, by three States of two regional groups."""
    africa, weog = RegionalGroupFactory(code="AFR"), RegionalGroupFactory(code="WEOG")
    sur1 = StateFactory(iso3="XSA", name_en="Sura", regional_group=africa)
    sur2 = StateFactory(iso3="XSB", name_en="Surb", regional_group=weog)
    a = StateFactory(iso3="XAA", name_en="Alpha", regional_group=weog)
    b = StateFactory(iso3="XBB", name_en="Beta", regional_group=africa)
    c = StateFactory(iso3="XCC", name_en="Gamma", regional_group=weog)
    wg3 = WorkingGroupSessionFactory(number=3, cycle=CycleFactory(number=1))
    wg17 = WorkingGroupSessionFactory(number=17, cycle=CycleFactory(number=2))
    torture, women = IssueFactory(slug="torture"), IssueFactory(slug="women")
    r = {}
    r[1] = RecommendationFactory(
        review=ReviewFactory(session=wg3, state=sur1),
        text="Prevent torture, punish torture and compensate every victim of torture.",
        states=[a],
        issues=[torture],
        response=SUPPORTED,
        action_category=5,
    )
    r[2] = RecommendationFactory(
        review=ReviewFactory(session=wg17, state=sur1),
        text="Investigate all allegations of torture in prisons, police stations and detention centres "
        "across the whole country.",
        states=[a, b],
        issues=[torture],
        response=NOTED,
        action_category=4,
    )
    r[3] = RecommendationFactory(
        review=ReviewFactory(session=wg17, state=sur1),
        text="Protect women's rights and combat violence against women.",
        states=[b],
        issues=[women],
        response=SUPPORTED,
        action_category=4,
    )
    r[4] = RecommendationFactory(
        review=ReviewFactory(session=wg17, state=sur2),
        text=EVIL,
        states=[c],
        issues=[torture, women],
        response=NOTED,
        action_category=5,
    )
    return r


def ids(queryset, corpus):
    by_pk = {rec.pk: key for key, rec in corpus.items()}
    return [by_pk[rec.pk] for rec in queryset]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("torture", [1, 4, 2]),  # three mentions first, then the short text before the long one
        ("TORTURE", [1, 4, 2]),
        ("investigations", [2]),  # stemmed
        ('"police stations"', [2]),
        ('"stations police"', []),
        ("torture -investigate", [1, 4]),
        ("women OR prisons", [3, 2]),
        ("torture prisons", [2]),
        ("nothing-like-this", []),
        ('") OR NEAR( * "', []),  # FTS5 syntax in user input is only ever text
    ],
)
def test_search_recommendations_ranks_and_matches(corpus, query, expected):
    assert ids(search_recommendations(query), corpus) == expected


def test_search_recommendations_without_query_lists_newest_session_first(corpus):
    assert ids(search_recommendations(""), corpus) == [2, 3, 4, 1]
    assert ids(search_recommendations("  -torture "), corpus) == [2, 3, 4, 1]


def test_search_recommendations_ranks_are_descending(corpus):
    ranks = [rec.search_rank for rec in search_recommendations("torture")]
    assert ranks == sorted(ranks, reverse=True)
    assert ranks[0] > ranks[-1] > 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"sur": "XSA"}, [2, 3, 1]),
        ({"recommending_state": "XBB"}, [2, 3]),
        ({"recommending_group": "WEOG"}, [2, 4, 1]),
        ({"recommending_group": "AFR"}, [2, 3]),
        ({"sur_group": "WEOG"}, [4]),
        ({"cycle": 1}, [1]),
        ({"session": "17"}, [2, 3, 4]),
        ({"issue": "women"}, [3, 4]),
        ({"response": "noted"}, [2, 4]),
        ({"action_category": "5"}, [4, 1]),
        ({"sur": "XSA", "issue": "torture", "response": "supported"}, [1]),
        ({"sur": ""}, [2, 3, 4, 1]),
    ],
)
def test_search_recommendations_filters(corpus, filters, expected):
    assert ids(search_recommendations("", filters), corpus) == expected


def test_search_recommendations_filters_accept_instances_and_combine_with_query(corpus):
    sur1 = corpus[1].review.state
    assert ids(search_recommendations("torture", {"sur": sur1}), corpus) == [1, 2]


def test_search_recommendations_rejects_unknown_filter_values(corpus):
    with pytest.raises(ValidationError):
        search_recommendations("", {"sur": "NOPE"})


def test_search_index_follows_updates_and_deletes(corpus):
    corpus[3].text = "Abolish the death penalty."
    corpus[3].save()
    corpus[1].delete()
    assert [rec.pk for rec in search_recommendations("women")] == []
    assert [rec.pk for rec in search_recommendations("penalty")] == [corpus[3].pk]
    assert ids(search_recommendations("torture"), corpus) == [4, 2]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: triggers lost on table rebuild")
def test_ensure_search_index_recreates_lost_triggers(corpus):
    with connection.cursor() as cursor:
        for suffix in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER {search.FTS_TABLE}_{suffix}")
    assert search.ensure_search_index() is True
    assert search.ensure_search_index() is False
    new = RecommendationFactory(review=corpus[1].review, text="Ratify the statute of the court.")
    assert [rec.pk for rec in search_recommendations("statute")] == [new.pk]


def test_parse_query_and_fts5_expression_quote_every_term():
    parsed = search.parse_query('torture "police station" OR women -death')
    assert parsed.groups == [[("torture",), ("police", "station")], [("women",)]]
    assert parsed.excluded == [("death",)]
    assert search.fts5_expression(parsed) == ('(("torture" AND "police station") OR ("women")) NOT ("death")')
    assert parsed.highlight_words() == ["station", "torture", "police", "women"]


def test_highlight_escapes_text_and_marks_words():
    html = search.highlight(EVIL + " tortured", ["torture"])
    assert html == (
        "=HYPERLINK(&quot;http://evil.example&quot;) &lt;b&gt;Abolish <mark>torture</mark>&lt;/b&gt; now"
        " <mark>tortured</mark>"
    )
    assert search.highlight("<i>", []) == "&lt;i&gt;"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        (5, 5),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


# --- Pages ------------------------------------------------------------------------------------------


def test_search_page_shows_escaped_highlighted_results(staff_client, corpus):
    response = staff_client.get(reverse("upr:recommendation_search"), {"q": "torture", "issue": "women"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 recommendation" in html
    assert "&lt;b&gt;Abolish <mark>torture</mark>&lt;/b&gt;" in html
    assert "<b>Abolish" not in html
    assert "State Gamma" not in html and "Gamma" in html


def test_search_page_names_reviews_in_its_filters_that_are_not_imported(staff_client, corpus):
    sur = corpus[1].review.state
    ReviewFactory(state=sur, session=WorkingGroupSessionFactory(number=31, cycle=CycleFactory(number=3)))

    by_sur = staff_client.get(reverse("upr:recommendation_search"), {"sur": "XSA"})
    unfiltered = staff_client.get(reverse("upr:recommendation_search"))

    assert [(r.state.iso3, r.session.number) for r in by_sur.context["not_imported"]] == [("XSA", 31)]
    assert "Not imported yet" in by_sur.content.decode()
    assert unfiltered.context["not_imported"] == []


def test_search_page_reports_invalid_filters(staff_client, corpus):
    response = staff_client.get(reverse("upr:recommendation_search"), {"sur": "NOPE"})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Select a valid choice" in response.content.decode()


def test_search_page_paginates(staff_client, corpus):
    review = corpus[1].review
    for n in range(30):
        RecommendationFactory(review=review, text=f"Ratify convention number {n}.")
    response = staff_client.get(reverse("upr:recommendation_search"), {"q": "ratify", "page": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


@pytest.mark.parametrize("rows", [1, 30])
def test_search_page_query_count_is_constant(staff_client, django_assert_num_queries, rows):
    review = ReviewFactory()
    issues = IssueFactory.create_batch(2)
    for _ in range(rows):
        RecommendationFactory(review=review, states=StateFactory.create_batch(2), issues=issues)
    with django_assert_num_queries(14):
        response = staff_client.get(reverse("upr:recommendation_search"), {"q": "measure", "cycle": ""})
    assert response.context["page"].paginator.count == rows


def _csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def test_csv_export_has_filtered_results_and_neutralises_formulas(staff_client, corpus):
    response = staff_client.get(reverse("upr:recommendation_export_csv"), {"q": "torture", "cycle": "2"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="recommendations-')
    rows = _csv_rows(response)
    assert rows[0][:4] == ["Session", "Cycle", "State under Review (ISO3)", "State under Review"]
    assert [row[7] for row in rows[1:]] == ["'" + EVIL, corpus[2].text]
    assert rows[2] == [
        "17",
        "2",
        "XSA",
        "Sura",
        "XAA; XBB",
        "Alpha; Beta",
        corpus[2].paragraph,
        corpus[2].text,
        "Noted",
        "4",
        "Torture",
        "",
    ]


def test_csv_export_streams_large_results_in_chunks(staff_client, corpus, django_assert_max_num_queries):
    RecommendationFactory.create_batch(50, review=corpus[1].review)
    with django_assert_max_num_queries(12):
        rows = _csv_rows(staff_client.get(reverse("upr:recommendation_export_csv")))
    assert len(rows) == 1 + 54


def test_xlsx_export_has_results_as_text(staff_client, corpus):
    response = staff_client.get(reverse("upr:recommendation_export_xlsx"), {"q": "torture"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][7] == "Text"
    assert [row[7] for row in rows[1:]] == [corpus[1].text, "'" + EVIL, corpus[2].text]
    assert rows[2][:3] == [17, 2, "XSB"]


def test_export_refuses_invalid_filters(staff_client, corpus):
    assert staff_client.get(reverse("upr:recommendation_export_csv"), {"cycle": "x"}).status_code == 400
    assert staff_client.get(reverse("upr:recommendation_export_xlsx"), {"cycle": "x"}).status_code == 400


# --- Permissions ------------------------------------------------------------------------------------

SEARCH_URLS = ["upr:recommendation_search", "upr:recommendation_export_csv", "upr:recommendation_export_xlsx"]


@pytest.mark.parametrize("name", SEARCH_URLS)
def test_search_pages_send_anonymous_users_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", SEARCH_URLS)
@pytest.mark.parametrize("role", ["is_applicant", "is_reviewer", "is_diplomat"])
def test_search_pages_refuse_other_roles(client, db, name, role):
    from allauth.mfa.models import Authenticator

    user = UserFactory(**{role: True})
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 403


def test_search_page_opens_to_staff_with_its_form(staff_client):
    response = staff_client.get(reverse("upr:recommendation_search"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Past recommendations</h1>" in html
    assert 'name="q"' in html


def test_search_csv_export_opens_to_staff_as_a_csv_file(staff_client):
    response = staff_client.get(reverse("upr:recommendation_export_csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert _csv_rows(response)[0][7] == "Text"


def test_search_xlsx_export_opens_to_staff_as_a_workbook(staff_client):
    response = staff_client.get(reverse("upr:recommendation_export_xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    assert next(sheet.iter_rows(values_only=True))[7] == "Text"


def test_search_page_requires_mfa_for_staff(client, db):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("upr:recommendation_search"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


# --- PostgreSQL -------------------------------------------------------------------------------------


@pytest.mark.integration
def test_search_recommendations_on_postgresql(corpus):
    if connection.vendor != "postgresql":
        message = "the integration tests need DATABASE_URL pointing to PostgreSQL"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert ids(search_recommendations("torture"), corpus) == [1, 4, 2]
    assert ids(search_recommendations("torture -investigate"), corpus) == [1, 4]
    assert ids(search_recommendations('"police stations"'), corpus) == [2]
    assert ids(search_recommendations("women OR prisons", {"sur": "XSA"}), corpus) == [3, 2]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'upr_rec_search_document_gin'")
        assert "gin (search_document)" in cursor.fetchone()[0]


def test_xlsx_export_of_too_many_rows_sends_back_to_search(staff_client, corpus, settings):
    settings.UPR_XLSX_EXPORT_MAX_ROWS = 2
    response = staff_client.get(reverse("upr:recommendation_export_xlsx"), {"q": "torture"}, follow=True)
    assert response.redirect_chain == [(reverse("upr:recommendation_search") + "?q=torture", 302)]
    html = response.content.decode()
    assert "More than 2 recommendations: narrow the filters or export them as CSV." in html
    assert "Excel up to 2 recommendations" in html


def _trigger_count():
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{search.FTS_TABLE}_%"],
        )
        return cursor.fetchone()[0]


def test_deferred_search_index_indexes_bulk_writes_at_the_end(corpus):
    triggers = _trigger_count()
    with search.deferred_search_index():
        RecommendationFactory(review=corpus[1].review, text="Ratify the statute of the court.")
        corpus[3].text = "Abolish the death penalty."
        corpus[3].save()
    assert search_recommendations("statute").count() == 1
    assert ids(search_recommendations("penalty"), corpus) == [3]
    assert ids(search_recommendations("women"), corpus) == []
    assert _trigger_count() == triggers


def test_deferred_search_index_restores_triggers_when_the_block_fails(corpus):
    triggers = _trigger_count()
    with pytest.raises(RuntimeError), search.deferred_search_index():
        RecommendationFactory(review=corpus[1].review, text="Ratify the statute of the court.")
        raise RuntimeError("import failed")
    assert _trigger_count() == triggers
    assert search_recommendations("statute").count() == 0
    new = RecommendationFactory(review=corpus[1].review, text="Ratify the statute of the court.")
    assert [rec.pk for rec in search_recommendations("statute")] == [new.pk]


def test_xlsx_export_replaces_control_characters(staff_client, corpus):
    Recommendation.objects.filter(pk=corpus[1].pk).update(text="\x1b[31mPrevent torture\x07")

    response = staff_client.get(reverse("upr:recommendation_export_xlsx"), {"q": "torture"})

    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    texts = [row[7] for row in sheet.iter_rows(values_only=True)]
    assert "\ufffd[31mPrevent torture\ufffd" in texts
