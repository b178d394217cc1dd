import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from core.charts import PLOT_WIDTH, stacked_bar_chart
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
from upr.history import Counts, state_history
from upr.models import Recommendation

SUPPORTED = Recommendation.Response.SUPPORTED
NOTED = Recommendation.Response.NOTED


@pytest.fixture
def sur(db):
    """A SuR reviewed in cycles 1, 2 and 3 (no recommendations on record yet for cycle 3)."""
    group = RegionalGroupFactory(code="AFR")
    sur = StateFactory(iso3="XSU", name_en="Sur <script>", regional_group=group)
    a = StateFactory(iso3="XAA", name_en="Alpha")
    b = StateFactory(iso3="XBB", name_en="Beta")
    c = StateFactory(iso3="XCC", name_en="Gamma")
    wg3 = ReviewFactory(state=sur, session=WorkingGroupSessionFactory(number=3, cycle=CycleFactory(number=1)))
    wg17 = ReviewFactory(
        state=sur, session=WorkingGroupSessionFactory(number=17, cycle=CycleFactory(number=2))
    )
    ReviewFactory(state=sur, session=WorkingGroupSessionFactory(number=31, cycle=CycleFactory(number=3)))
    torture = IssueFactory(slug="torture", name_en="Torture")
    women = IssueFactory(slug="women", name_en="Women's rights")
    RecommendationFactory(review=wg3, states=[a], issues=[torture], response=SUPPORTED)
    RecommendationFactory(review=wg3, states=[a, b], issues=[torture, women], response=NOTED)
    RecommendationFactory(review=wg17, states=[b], issues=[women], response=SUPPORTED)
    RecommendationFactory(review=wg17, states=[c], issues=[torture], response=SUPPORTED)
    RecommendationFactory(review=wg17, states=[a], issues=[], response="")
    return sur


def test_state_history_counts_reviews_issues_and_states(sur):
    history = state_history(sur)
    assert [
        (r.session.number, r.recommendation_count, r.supported_count, r.noted_count) for r in history.reviews
    ] == [(3, 2, 1, 1), (17, 3, 2, 0), (31, 0, 0, 0)]
    assert history.cycles == [1, 2]
    assert history.by_cycle == {1: Counts(1, 1, 0), 2: Counts(2, 0, 1), 3: Counts(0, 0, 0)}
    assert history.total == Counts(3, 1, 1)
    assert [(item.issue.slug, item.by_cycle_cells, item.total) for item in history.issues] == [
        ("torture", [Counts(1, 1, 0), Counts(1, 0, 0)], Counts(2, 1, 0)),
        ("women", [Counts(0, 1, 0), Counts(1, 0, 0)], Counts(1, 1, 0)),
    ]
    assert [[(s.iso3, n) for s, n in item.top_states] for item in history.issues] == [
        [("XAA", 2), ("XBB", 1), ("XCC", 1)],
        [("XBB", 2), ("XAA", 1)],
    ]
    assert [(s.iso3, n) for s, n in history.top_states] == [("XAA", 3), ("XBB", 2), ("XCC", 1)]


def test_state_history_charts_describe_every_figure(sur):
    history = state_history(sur)
    assert history.cycle_chart.description == (
        "Cycle 1: 1 supported, 1 noted; Cycle 2: 2 supported, 0 noted, 1 without response"
    )
    assert (
        history.issue_chart.description
        == "Torture: 2 supported, 1 noted; Women's rights: 1 supported, 1 noted"
    )


def test_stacked_bar_chart_geometry():
    chart = stacked_bar_chart(
        chart_id="c",
        title="T",
        rows=[
            ("First", (2, 1, 0)),
            ("A label far too long to fit in the label column of this chart, cut", (1, 0, 0)),
        ],
        series=["S", "N", "O"],
        describe=lambda values: "/".join(map(str, values)),
    )
    first, second = chart.bars
    # The largest bar (3) on an axis from 0 to 5: 2 and 1 fifths of the plot.
    assert [(s.pattern, s.value, s.width) for s in first.segments] == [
        ("solid", 2, round(PLOT_WIDTH * 2 / 5, 1)),
        ("hatched", 1, round(PLOT_WIDTH / 5, 1)),
    ]
    assert first.segments[1].x == round(chart.plot_x + PLOT_WIDTH * 2 / 5, 1)
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert second.label_lines == ("A label far too long to fit in the", "label column of this chart, cut")
    assert not second.shortened
    assert [item.pattern for item in chart.legend] == ["solid", "hatched"]  # no value in the third series
    assert chart.height == chart.legend_y + 24 + 8


def test_stacked_bar_chart_refuses_more_series_than_patterns():
    with pytest.raises(ValueError, match="At most 3 series"):
        stacked_bar_chart(chart_id="c", title="T", rows=[], series=list("abcd"), describe=str)


def test_history_page_renders_accessible_svg_and_escapes_names(staff_client, sur):
    response = staff_client.get(reverse("upr:state_history", args=["xsu"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    assert "Sur &lt;script&gt;: recommendations received" in html
    assert 'role="img"' in html
    assert 'aria-labelledby="chart-cycles-title chart-cycles-desc"' in html
    assert '<desc id="chart-cycles-desc">Cycle 1: 1 supported, 1 noted; Cycle 2: 2 supported' in html
    assert 'fill="url(#chart-cycles-hatched)"' in html
    assert "style=" not in html
    assert '<td class="number">1 / 1</td>' in html
    assert "Alpha (2), Beta (1), Gamma (1)" in html


def test_state_history_marks_held_reviews_without_data_as_not_imported(sur):
    ReviewFactory(state=sur, session=WorkingGroupSessionFactory(number=60, year=2999))

    history = state_history(sur)

    assert [(r.session.number, r.not_imported) for r in history.reviews] == [
        (3, False),
        (17, False),
        (31, True),
        (60, False),
    ]
    assert [r.session.number for r in history.not_imported] == [31]


def test_history_page_says_not_imported_instead_of_zero(staff_client, sur):
    html = staff_client.get(reverse("upr:state_history", args=["XSU"])).content.decode()

    assert html.count("Not imported yet") == 1
    link = reverse("upr:recommendation_import")
    assert f'<a href="{link}">import the OHCHR matrix for this review</a>' in html
    assert "Reviews whose recommendations are not imported yet are left out:" in html


def test_history_page_of_unknown_state_is_404(staff_client, db):
    assert staff_client.get(reverse("upr:state_history", args=["QQQ"])).status_code == 404


@pytest.mark.parametrize("rows", [1, 25])
def test_history_page_query_count_is_constant(staff_client, django_assert_num_queries, rows):
    sur = StateFactory()
    issues = IssueFactory.create_batch(3)
    for session in (3, 17):
        review = ReviewFactory(
            state=sur,
            session=WorkingGroupSessionFactory(number=session, cycle=CycleFactory(number=session // 14 + 1)),
        )
        for _ in range(rows):
            RecommendationFactory(review=review, states=StateFactory.create_batch(2), issues=issues)
    with django_assert_num_queries(11):
        response = staff_client.get(reverse("upr:state_history", args=[sur.iso3]))
    assert response.context["history"].total.total == 2 * rows


HISTORY_URL = ("upr:state_history", ["XSU"])


def test_history_page_sends_anonymous_users_to_login(client, sur):
    response = client.get(reverse(HISTORY_URL[0], args=HISTORY_URL[1]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["is_applicant", "is_reviewer", "is_diplomat"])
def test_history_page_refuses_other_roles(client, sur, role):
    user = UserFactory(**{role: True})
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    assert client.get(reverse(HISTORY_URL[0], args=HISTORY_URL[1])).status_code == 403
