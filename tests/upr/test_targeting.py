import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories.core import UserFactory
from tests.factories.upr import (
    CycleFactory,
    IssueFactory,
    RecommendationFactory,
    ReviewFactory,
    StateFactory,
    WorkingGroupSessionFactory,
)
from upr.models import Recommendation, Review
from upr.targeting import PastRecommendation, TargetState, ordinal, personal_sentence, target_states

SUPPORTED = Recommendation.Response.SUPPORTED
NOTED = Recommendation.Response.NOTED


@pytest.fixture
def world(db):
    """SuR X reviewed at WG 3 (cycle 1), WG 17 (cycle 2) and WG 31 (cycle 3, the one to target for)."""
    x, y = StateFactory(iso3="XSU", name_en="Sur"), StateFactory(iso3="XSY", name_en="Other sur")
    a, b, c, d, e, f = (
        StateFactory(iso3=f"X{code}", name_en=name)
        for code, name in [
            ("AA", "Alpha"),
            ("BB", "Beta"),
            ("CC", "Gamma"),
            ("DD", "Delta"),
            ("EE", "Epsilon"),
            ("FF", "Phi"),
        ]
    )
    wg3 = WorkingGroupSessionFactory(number=3, cycle=CycleFactory(number=1))
    wg17 = WorkingGroupSessionFactory(number=17, cycle=CycleFactory(number=2))
    wg31 = WorkingGroupSessionFactory(number=31, cycle=CycleFactory(number=3))
    x3, x17, x31 = (ReviewFactory(state=x, session=s) for s in (wg3, wg17, wg31))
    torture, women, education = (IssueFactory(slug=s) for s in ("torture", "women", "education"))
    r = {
        1: RecommendationFactory(
            review=x3, states=[a], issues=[torture], response=SUPPORTED, text="Ratify CAT."
        ),
        2: RecommendationFactory(review=x3, states=[b], issues=[women], response=NOTED),
        3: RecommendationFactory(
            review=x17,
            states=[a, b],
            issues=[torture],
            response=NOTED,
            paragraph="28.1",
            text="Investigate every allegation of torture;",
        ),
        4: RecommendationFactory(
            review=x17, states=[c], issues=[torture], response=SUPPORTED, text="End torture."
        ),
        5: RecommendationFactory(review=x17, states=[c], issues=[torture, women], response=SUPPORTED),
        6: RecommendationFactory(review=x17, states=[d], issues=[education]),
        7: RecommendationFactory(review=x31, states=[e], issues=[torture]),
        8: RecommendationFactory(review=ReviewFactory(state=y, session=wg17), states=[f], issues=[torture]),
    }
    review = Review.objects.select_related("session").get(pk=x31.pk)
    return {"review": review, "r": r, "torture": torture, "women": women, "x3": x3}


def summary(targets):
    return [
        (t.state.iso3, t.recommendation_count, t.supported_count, t.noted_count, t.latest_cycle)
        for t in targets
    ]


def test_target_states_on_one_issue_orders_for_invitations(world):
    targets = target_states(world["review"], [world["torture"]])
    assert summary(targets) == [("XAA", 2, 1, 1, 2), ("XCC", 2, 2, 0, 2), ("XBB", 1, 0, 1, 2)]
    assert targets[0].recommendations == (
        PastRecommendation(world["r"][3].pk, world["r"][3].text, "28.1", 17, 2, NOTED),
        PastRecommendation(world["r"][1].pk, "Ratify CAT.", world["r"][1].paragraph, 3, 1, SUPPORTED),
    )
    assert targets[0].recommendations[0].response_label == "Noted"
    assert isinstance(targets[0], TargetState)


def test_target_states_counts_a_recommendation_once_whatever_its_issues(world):
    targets = target_states(world["review"], [world["torture"], world["women"].pk])
    assert summary(targets) == [("XAA", 2, 1, 1, 2), ("XBB", 2, 0, 2, 2), ("XCC", 2, 2, 0, 2)]


def test_target_states_limit_all_issues_and_no_issues(world):
    assert summary(target_states(world["review"], [world["torture"]], limit=1)) == [("XAA", 2, 1, 1, 2)]
    assert [t.state.iso3 for t in target_states(world["review"], None)] == ["XAA", "XBB", "XCC", "XDD"]
    assert target_states(world["review"], []) == []
    assert target_states(world["x3"], None) == []


def test_target_states_runs_two_queries(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        target_states(world["review"], [world["torture"], world["women"]])


@pytest.mark.parametrize(
    ("language", "numbers", "expected"),
    [
        (
            "en",
            [1, 2, 3, 4, 11, 12, 13, 21, 22, 23],
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd"],
        ),
        ("fr", [1, 2, 3, 4], ["1er", "2e", "3e", "4e"]),
        ("es", [1, 2, 3, 4, 11, 13, 21], ["1.er", "2.º", "3.er", "4.º", "11.º", "13.º", "21.er"]),
    ],
)
def test_ordinal_per_language(language, numbers, expected):
    assert [ordinal(n, language) for n in numbers] == expected


def test_personal_sentence_quotes_the_latest_cycle(world):
    alpha, gamma, _beta = target_states(world["review"], [world["torture"]])
    assert personal_sentence(alpha, "en") == (
        "In the 2nd cycle your delegation recommended: “Investigate every allegation of torture”. "
        "The State under Review noted it."
    )
    assert personal_sentence(gamma, "en") == (
        "In the 2nd cycle your delegation made 2 recommendations on these issues, among them: “End torture”. "
        "The State under Review supported it."
    )


def test_personal_sentence_in_french_and_spanish(world):
    alpha, gamma, _beta = target_states(world["review"], [world["torture"]])
    assert personal_sentence(alpha, "fr") == (
        "Au cours du 2e cycle, votre délégation a recommandé\u00a0: «\u00a0Investigate every allegation of "
        "torture\u00a0». L’État examiné en a pris note."
    )
    assert personal_sentence(gamma, "es") == (
        "En el 2.º ciclo, su delegación formuló 2 recomendaciones sobre estas cuestiones, entre ellas: "
        "«End torture». El Estado examinado la apoyó."
    )


def test_targeting_page_lists_states_with_texts(staff_client, world):
    url = reverse("upr:review_targeting", args=[world["review"].pk])
    response = staff_client.get(url, {"issues": ["torture"], "limit": "2"})
    assert response.status_code == 200
    assert summary(response.context["targets"]) == [("XAA", 2, 1, 1, 2), ("XCC", 2, 2, 0, 2)]
    html = response.content.decode()
    assert "2 States" in html
    assert "Investigate every allegation of torture;" in html
    assert (
        "In the 2nd cycle your delegation recommended: “Investigate every allegation of torture”. "
        "The State under Review noted it." in html
    )


def test_targeting_page_names_earlier_reviews_not_imported(staff_client, world):
    wg10 = WorkingGroupSessionFactory(number=10, cycle=CycleFactory(number=1))
    ReviewFactory(state=world["review"].state, session=wg10)

    response = staff_client.get(reverse("upr:review_targeting", args=[world["review"].pk]))

    assert [r.session.number for r in response.context["not_imported"]] == [10]
    assert "Not imported yet" in response.content.decode()


def test_targeting_page_without_issues_shows_the_form_only(staff_client, world):
    response = staff_client.get(reverse("upr:review_targeting", args=[world["review"].pk]))
    assert response.status_code == 200
    assert response.context["targets"] is None


@pytest.mark.parametrize("rows", [1, 20])
def test_targeting_page_query_count_is_constant(staff_client, django_assert_num_queries, rows):
    sur, issue = StateFactory(), IssueFactory()
    earlier = ReviewFactory(
        state=sur, session=WorkingGroupSessionFactory(number=5, cycle=CycleFactory(number=1))
    )
    later = ReviewFactory(
        state=sur, session=WorkingGroupSessionFactory(number=19, cycle=CycleFactory(number=2))
    )
    for _ in range(rows):
        RecommendationFactory(review=earlier, states=StateFactory.create_batch(2), issues=[issue])
    with django_assert_num_queries(9):
        response = staff_client.get(
            reverse("upr:review_targeting", args=[later.pk]), {"issues": [issue.slug]}
        )
    assert len(response.context["targets"]) == 2 * rows


def test_targeting_page_permissions(client, world):
    url = reverse("upr:review_targeting", args=[world["review"].pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for role in ("is_applicant", "is_reviewer", "is_diplomat"):
        user = UserFactory(**{role: True})
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
        client.force_login(user)
        assert client.get(url).status_code == 403
