import io
import logging

import pytest
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.benchmarks.evaluation import accuracy, issue_scores
from tests.factories.core import UserFactory
from tests.upr.import_files import row, upr_info_csv
from upr import classification
from upr.classification import (
    Example,
    MostFrequentIssues,
    NoModelError,
    examples_from_upr_info_csv,
    load_classifier,
    rule_category,
    save_classifier,
    train,
)
from upr.importing.keys import text_key
from upr.models import (
    ImportJob,
    Issue,
    Recommendation,
    RecommendationIssue,
    RecommendationSuggestion,
    Review,
)
from upr.suggestions import (
    confirm_suggestion,
    recommendations_needing_suggestions,
    reject_suggestion,
    suggest_for,
    training_examples,
)
from upr.tasks import run_import_job, suggest_classifications

# --- Synthetic data that the model must learn ---------------------------------------------------------
TOPICS = {
    # words of a topic → its issues
    "the Convention against Torture and its Optional Protocol": ("international-instruments",
                                                                  "torture-and-other-cid-treatment"),
    "access to primary education for girls in rural schools": ("right-to-education", "womens-rights"),
    "the death penalty and executions": ("death-penalty",),
    "journalists and the freedom of the press and media": ("freedom-of-the-press",),
    "human trafficking of women and children for labour": ("trafficking",),
}  # fmt: skip
VERBS = {"Ratify": 5, "Continue efforts on": 2, "Consider measures on": 3, "Strengthen measures on": 4,
         "Seek technical assistance on": 1}  # fmt: skip
PLACES = ["in all regions", "without delay", "with civil society", "by 2030", "as a matter of priority",
          "in law and practice", "for all", "nationally"]  # fmt: skip


def synthetic_examples():
    return [
        Example(f"{verb} {topic} {place}", issues, category, 1)
        for topic, issues in TOPICS.items()
        for verb, category in VERBS.items()
        for place in PLACES
    ]


@pytest.fixture(scope="module")
def synthetic_model():
    return train(synthetic_examples())


@pytest.fixture
def model_file(settings, tmp_path, synthetic_model):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "classifier.joblib"
    save_classifier(synthetic_model, settings.CLASSIFIER_MODEL_PATH)
    return settings.CLASSIFIER_MODEL_PATH


@pytest.fixture
def no_model(settings, tmp_path):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "missing.joblib"
    return settings.CLASSIFIER_MODEL_PATH


def test_classifier_learns_synthetic_issues_and_categories(synthetic_model):
    texts = [
        "Ratify the Convention against Torture and its Optional Protocol at the earliest opportunity",
        "Continue efforts on access to primary education for girls in rural schools",
        "Consider measures on the death penalty and executions",
        "Seek technical assistance on journalists and the freedom of the press and media",
    ]

    predictions = synthetic_model.predict(texts)

    assert [sorted(label for label, _score in p.issues) for p in predictions] == [
        ["international-instruments", "torture-and-other-cid-treatment"],
        ["right-to-education", "womens-rights"],
        ["death-penalty"],
        ["freedom-of-the-press"],
    ]
    assert [p.action_category for p in predictions] == [5, 2, 3, 1]
    assert all(0 < score <= 1 for p in predictions for _label, score in p.issues)
    assert all(0.2 < p.action_probability <= 1 for p in predictions)


def test_classifier_gives_at_least_one_issue_to_an_unrelated_text(synthetic_model):
    (prediction,) = synthetic_model.predict(["Lorem ipsum dolor sit amet"])

    assert len(prediction.issues) >= 1


def test_classifier_training_is_deterministic(synthetic_model):
    again = train(synthetic_examples())
    texts = ["Strengthen measures on human trafficking", "Ratify the death penalty protocol"]

    assert again.predict(texts) == synthetic_model.predict(texts)
    assert again.threshold == synthetic_model.threshold
    assert again.calibration == synthetic_model.calibration


def test_classifier_refuses_to_train_without_issues():
    with pytest.raises(ValueError, match="No coded recommendations"):
        train([Example("Ratify the Convention", (), 5, 1)])


# --- Baselines and metrics ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "category", "phrase"),
    [
        ("Seek technical assistance from OHCHR to prepare its reports", 1, "seek"),
        ("Call upon the international community to support Haiti", 1, "call upon"),
        ("Continue its efforts to combat poverty", 2, "continue"),
        ("Maintain its cooperation with the special procedures", 2, "maintain"),
        ("Consider ratifying the Optional Protocol to the ICESCR", 3, "consider"),
        ("Explore ways to reduce pre-trial detention", 3, "explore"),
        ("Ensure that all children are registered at birth", 4, "ensure"),
        ("Further strengthen the national human rights institution", 4, "strengthen"),
        ("Take measures to prevent violence against women", 4, "take measures"),
        ("Ratify the Convention on the Rights of Persons with Disabilities", 5, "ratify"),
        ("Withdraw reservations to CEDAW", 5, "withdraw reservations"),
        ("Fully abolish the death penalty", 5, "abolish"),
        ("To enact a law on domestic violence", 5, "enact"),
        ("Recommended that the Government redouble its efforts", 4, "redouble"),
        ("Human rights are universal", 4, ""),
    ],
)
def test_rule_category_first_verb(text, category, phrase):
    assert rule_category(text) == classification.RuleMatch(category, phrase)


def test_most_frequent_issues_baseline_tunes_k_on_training_data():
    examples = [Example("a", ("a", "b"))] * 6 + [Example("b", ("a",))] * 3 + [Example("c", ("c",))]

    baseline = MostFrequentIssues().fit(examples)

    assert baseline.ranked == ["a", "b", "c"]
    assert baseline.k == 2
    assert baseline.predict_issue_sets(["x", "y"]) == [("a", "b"), ("a", "b")]


def test_issue_scores_and_accuracy_exact():
    scores = issue_scores([("a", "b"), ("c",)], [("a",), ("c", "b")])

    assert scores == {"micro_f1": pytest.approx(2 * 2 / (3 + 3)), "macro_f1": pytest.approx((1 + 0 + 1) / 3)}
    assert accuracy([1, 2, 3, 4], [1, 2, 5, None]) == 0.5


def test_examples_from_upr_info_csv_reads_mac_roman_with_bare_cr_and_merges_joint_rows(tmp_path):
    rows = [
        "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session",
        'Chile,GRULAC,OAS,"Ratify the \u201cOptional\u201d Protocol",France,WEOG,EU,Accepted,5,'
        '"International instruments,Torture and other CID treatment",5',
        'Chile,GRULAC,OAS,"Ratify the \u201cOptional\u201d Protocol",Spain,WEOG,EU,Accepted,5,'
        '"International instruments,Torture and other CID treatment",5',
        "Chile,GRULAC,OAS,Continue its efforts,Peru,GRULAC,OAS,Noted,2,General,5",
    ]
    path = tmp_path / "export.csv"
    path.write_bytes("\r".join(rows).encode("mac_roman"))

    examples = examples_from_upr_info_csv([path])

    assert examples == [
        Example("Ratify the \u201cOptional\u201d Protocol", ("International instruments",
                                                          "Torture and other CID treatment"), 5, 5),
        Example("Continue its efforts", ("General",), 2, 5),
    ]  # fmt: skip


# --- Persistence and the no-model case ----------------------------------------------------------------
def test_load_classifier_without_model_says_how_to_train(no_model):
    assert classification.current_version() is None
    with pytest.raises(NoModelError, match="train_classifier"):
        load_classifier()


def test_load_classifier_unreadable_file_is_no_model(no_model):
    no_model.write_bytes(b"not a model")

    with pytest.raises(NoModelError, match="cannot be read"):
        load_classifier()


def test_load_classifier_is_cached_and_versioned(model_file):
    first, second = load_classifier(), load_classifier()

    assert first is second
    assert first.version == classification.file_version(model_file) == classification.current_version()
    assert len(first.version) == 12


# --- Suggestions: services, task, command -------------------------------------------------------------
def _recommendation(text, *, session=46, iso3="CHL"):
    review = Review.objects.get(session__number=session, state__iso3=iso3)
    return Recommendation.objects.create(review=review, text=text, text_key=text_key(text))


@pytest.fixture
def new_recommendations(reference_data):
    return [
        _recommendation("Ratify the Convention against Torture and its Optional Protocol"),
        _recommendation("Continue efforts on access to primary education for girls in rural schools"),
    ]


@pytest.fixture
def secretariat(db):
    return UserFactory(is_staff=True)


def test_suggest_for_creates_pending_suggestions_with_model_version(model_file, new_recommendations):
    suggestions = suggest_for(new_recommendations)

    assert [s.status for s in suggestions] == ["pending", "pending"]
    assert [sorted(s.suggested_slugs) for s in suggestions] == [
        ["international-instruments", "torture-and-other-cid-treatment"],
        ["right-to-education", "womens-rights"],
    ]
    assert [(s.action_category, s.rule_category, s.rule_phrase) for s in suggestions] == [
        (5, 5, "ratify"),
        (2, 2, "continue"),
    ]
    assert {s.model_version for s in suggestions} == {load_classifier().version}


def test_suggest_for_again_updates_the_pending_suggestion_in_place(model_file, new_recommendations):
    (first,) = suggest_for(new_recommendations[:1])

    (again,) = suggest_for(new_recommendations[:1])

    assert again.pk == first.pk
    assert RecommendationSuggestion.objects.count() == 1


def test_suggest_for_without_model_raises_no_model(no_model, new_recommendations):
    with pytest.raises(NoModelError):
        suggest_for(new_recommendations)


def test_task_suggests_only_for_recommendations_without_issues_and_is_idempotent(
    model_file, new_recommendations
):
    coded = _recommendation("Abolish the death penalty")
    RecommendationIssue.objects.create(recommendation=coded, issue=Issue.objects.get(slug="death-penalty"))

    assert suggest_classifications.delay().get() == 2
    assert suggest_classifications.delay().get() == 0
    assert sorted(RecommendationSuggestion.objects.values_list("recommendation_id", flat=True)) == sorted(
        r.pk for r in new_recommendations
    )
    assert recommendations_needing_suggestions().count() == 0


def test_task_without_model_logs_and_writes_nothing(no_model, new_recommendations, caplog):
    with caplog.at_level(logging.WARNING, logger="upr.tasks"):
        assert suggest_classifications.delay(recommendation_ids=[new_recommendations[0].pk]).get() == 0

    assert "train_classifier" in caplog.text
    assert RecommendationSuggestion.objects.count() == 0


def test_confirm_suggestion_writes_issues_and_category_with_audit(
    model_file, new_recommendations, secretariat
):
    (suggestion,) = suggest_for(new_recommendations[:1])
    recommendation = new_recommendations[0]
    issues = list(Issue.objects.filter(slug__in=["torture-and-other-cid-treatment", "justice"]))

    confirm_suggestion(suggestion, issues=issues, action_category=4, user=secretariat)

    recommendation.refresh_from_db()
    suggestion.refresh_from_db()
    assert sorted(recommendation.issues.values_list("slug", flat=True)) == [
        "justice",
        "torture-and-other-cid-treatment",
    ]
    assert recommendation.action_category == 4
    assert (suggestion.status, suggestion.decided_by, suggestion.confirmed_action_category) == (
        "confirmed", secretariat, 4
    )  # fmt: skip
    assert suggestion.confirmed_issues == ["justice", "torture-and-other-cid-treatment"]
    latest = recommendation.history.latest()
    assert latest.history_user == secretariat
    assert latest.history_change_reason == (
        f"Classification suggestion {suggestion.pk} confirmed: issues justice, "
        "torture-and-other-cid-treatment; action category 4"
    )
    # Suggestions are bulk-created (no history row); every decision is recorded with its author.
    assert [(h.status, h.history_user) for h in suggestion.history.all()] == [("confirmed", secretariat)]


def test_confirm_suggestion_twice_is_refused(model_file, new_recommendations, secretariat):
    (suggestion,) = suggest_for(new_recommendations[:1])
    issue = Issue.objects.get(slug="justice")
    confirm_suggestion(suggestion, issues=[issue], action_category=5, user=secretariat)

    with pytest.raises(ValidationError, match="already been decided"):
        confirm_suggestion(suggestion, issues=[issue], action_category=4, user=secretariat)
    with pytest.raises(ValidationError, match="already been decided"):
        reject_suggestion(suggestion, user=secretariat)


@pytest.mark.parametrize(("issues", "category"), [([], 5), (["justice"], 6), (["justice"], None)])
def test_confirm_suggestion_needs_an_issue_and_a_category(
    model_file, new_recommendations, secretariat, issues, category
):
    (suggestion,) = suggest_for(new_recommendations[:1])

    with pytest.raises(ValidationError):
        confirm_suggestion(
            suggestion,
            issues=Issue.objects.filter(slug__in=issues),
            action_category=category,
            user=secretariat,
        )
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_reject_suggestion_leaves_the_recommendation_alone(model_file, new_recommendations, secretariat):
    (suggestion,) = suggest_for(new_recommendations[:1])

    reject_suggestion(suggestion, user=secretariat)

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by) == ("rejected", secretariat)
    assert new_recommendations[0].issues.count() == 0
    assert Recommendation.objects.get(pk=new_recommendations[0].pk).action_category is None


@pytest.mark.parametrize("role", ["is_reviewer", "is_applicant", "is_diplomat", None])
def test_decide_suggestion_refused_to_other_roles(model_file, new_recommendations, role):
    (suggestion,) = suggest_for(new_recommendations[:1])
    user = UserFactory(**({role: True} if role else {}))
    issue = Issue.objects.get(slug="justice")

    with pytest.raises(PermissionDenied):
        confirm_suggestion(suggestion, issues=[issue], action_category=5, user=user)
    with pytest.raises(PermissionDenied):
        reject_suggestion(suggestion, user=user)
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_training_examples_from_the_database(new_recommendations):
    coded = _recommendation("Abolish the death penalty")
    coded.action_category = 5
    coded.save()
    RecommendationIssue.objects.create(recommendation=coded, issue=Issue.objects.get(slug="death-penalty"))

    assert training_examples() == [Example("Abolish the death penalty", ("death-penalty",), 5, 46)]


def test_train_classifier_command_trains_from_the_database(settings, tmp_path, reference_data):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "var" / "classifier.joblib"
    issues = {slug: Issue.objects.get(slug=slug) for slugs in TOPICS.values() for slug in slugs}
    for index, example in enumerate(synthetic_examples()):
        recommendation = _recommendation(f"{example.text} ({index})")
        recommendation.action_category = example.action_category
        recommendation.save()
        RecommendationIssue.objects.bulk_create(
            [RecommendationIssue(recommendation=recommendation, issue=issues[s]) for s in example.issues]
        )

    call_command("train_classifier", stdout=(out := io.StringIO()))

    loaded = load_classifier()
    assert f"model version {loaded.version}" in out.getvalue()
    assert loaded.model.trained_on == len(synthetic_examples())
    assert sorted(loaded.model.labels) == sorted(issues)


def test_train_classifier_command_without_data_is_a_clear_error(settings, tmp_path, reference_data):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "classifier.joblib"

    with pytest.raises(CommandError, match="No recommendations with issues to train on"):
        call_command("train_classifier")
    assert not settings.CLASSIFIER_MODEL_PATH.exists()


# --- Staff page ---------------------------------------------------------------------------------------
@pytest.fixture
def staff_client(client, secretariat):
    Authenticator.objects.create(
        user=secretariat, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(secretariat)
    return client


def test_suggestion_page_refuses_anonymous_and_other_roles(client, db):
    url = reverse("upr:suggestion_list")
    for name in ("upr:suggestion_confirm", "upr:suggestion_reject"):
        assert client.get(reverse(name, args=[1]))["Location"].startswith(reverse("account_login"))
    assert client.get(url)["Location"].startswith(reverse("account_login"))
    for role in ("is_reviewer", "is_applicant", "is_diplomat"):
        user = UserFactory(**{role: True})
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(reverse("upr:suggestion_reject", args=[1])).status_code == 403


@pytest.mark.parametrize("count", [1, 30])
def test_suggestion_page_query_count(
    model_file, reference_data, staff_client, django_assert_num_queries, count
):
    suggest_for([_recommendation(f"Ratify the Convention against Torture, part {n}") for n in range(count)])

    with django_assert_num_queries(7):
        response = staff_client.get(reverse("upr:suggestion_list"))

    assert response.status_code == 200
    assert len(response.context["rows"]) == min(count, 10)


def test_suggestion_page_prefills_the_suggestion(model_file, new_recommendations, staff_client):
    (suggestion,) = suggest_for(new_recommendations[:1])

    html = staff_client.get(reverse("upr:suggestion_list")).content.decode()

    assert (
        f'<input type="checkbox" name="issues" value="international-instruments" '
        f'id="s{suggestion.pk}-international-instruments" checked>'
    ) in html
    assert f'id="s{suggestion.pk}-justice">' in html
    assert '<option value="5" selected>5 – Specific action — suggested' in html
    assert "Starts with “ratify”: usually category 5." in html


def test_suggestion_page_without_model_says_so(no_model, staff_client):
    response = staff_client.get(reverse("upr:suggestion_list"))

    assert response.status_code == 200
    assert "No classification model has been trained yet" in response.content.decode()


def test_suggestion_confirm_view_writes_and_redirects(model_file, new_recommendations, staff_client):
    (suggestion,) = suggest_for(new_recommendations[:1])
    url = reverse("upr:suggestion_confirm", args=[suggestion.pk])

    response = staff_client.post(url, {"issues": ["justice", "detention"], "action_category": "3"})

    assert response.status_code == 302
    assert response["Location"] == reverse("upr:suggestion_list")
    recommendation = Recommendation.objects.get(pk=new_recommendations[0].pk)
    assert sorted(recommendation.issues.values_list("slug", flat=True)) == ["detention", "justice"]
    assert recommendation.action_category == 3


def test_suggestion_confirm_view_without_issue_changes_nothing(model_file, new_recommendations, staff_client):
    (suggestion,) = suggest_for(new_recommendations[:1])

    staff_client.post(reverse("upr:suggestion_confirm", args=[suggestion.pk]), {"action_category": "3"})

    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_suggestion_reject_view(model_file, new_recommendations, staff_client):
    (suggestion,) = suggest_for(new_recommendations[:1])

    response = staff_client.post(
        reverse("upr:suggestion_reject", args=[suggestion.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("upr:suggestion_list")
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"


# --- Real data: trained on sessions 1–17, measured on 18–20 -------------------------------------------
# About 30 s of CPU (one core); tests/benchmarks/bench_classifier.py prints the full figures.
@pytest.mark.timeout(900)
def test_classifier_beats_baselines_on_later_sessions(shared_data_dir):
    examples = examples_from_upr_info_csv(
        sorted((shared_data_dir / "recommendations/upr-info").glob("[0-9]*.csv"))
    )
    training = [e for e in examples if e.session <= 17]
    testing = [e for e in examples if e.session >= 18]
    texts = [e.text for e in testing]

    model = train(training)
    predictions = model.predict(texts, max_issues=99)

    issues = issue_scores(
        [e.issues for e in testing], [tuple(label for label, _ in p.issues) for p in predictions]
    )
    baseline = issue_scores(
        [e.issues for e in testing], MostFrequentIssues().fit(training).predict_issue_sets(texts)
    )
    truth = [e.action_category for e in testing]
    assert (len(training), len(testing)) == (32099, 7795)
    assert issues["micro_f1"] > baseline["micro_f1"] + 0.3
    assert accuracy(truth, [p.action_category for p in predictions]) > accuracy(
        truth, [rule_category(t).category for t in texts]
    )


def test_classifier_with_a_rare_or_single_category_still_trains():
    examples = [e for e in synthetic_examples() if e.action_category != 1]
    examples.append(Example("Share its best practices with the region", ("general",), 1, 1))
    treaties = [Example(f"Ratify treaty number {n}", ("international-instruments",), 5) for n in range(30)]

    model = train(examples)
    only_one = train(treaties)

    assert 1 not in model.category_model.classes_
    assert only_one.category_model is None
    assert only_one.predict(["Ratify the treaty"])[0].issues[0][0] == "international-instruments"
    assert only_one.predict(["Ratify the treaty"])[0].action_category is None


def test_import_job_task_queues_suggestions_for_new_recommendations(model_file, reference_data, secretariat):
    job = ImportJob(original_name="new.csv", created_by=secretariat)
    data = upr_info_csv([row("Ratify the Convention against Torture and its Optional Protocol", issue="")])
    job.file.save("upload", ContentFile(data), save=True)

    run_import_job.delay(job_id=job.pk).get()

    (suggestion,) = RecommendationSuggestion.objects.all()
    assert suggestion.recommendation.text == "Ratify the Convention against Torture and its Optional Protocol"
    assert suggestion.status == "pending"


def test_load_classifier_from_another_version_is_no_model(settings, tmp_path):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "old.joblib"
    old = train(synthetic_examples()[:40])
    old.details["sklearn"] = "0.1"
    save_classifier(old, settings.CLASSIFIER_MODEL_PATH)

    with pytest.raises(NoModelError, match="another version: train it again"):
        load_classifier()


def test_train_classifier_command_from_csv_learns_taxonomy_slugs(settings, tmp_path, reference_data):
    settings.CLASSIFIER_MODEL_PATH = tmp_path / "classifier.joblib"
    header = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
    topics = (("the death penalty", "Death penalty"), ("torture", "Torture and other CID treatment,Made up"))
    lines = [header] + [
        f'Chile,GRULAC,OAS,"{verb} {topic} {n}",France,WEOG,EU,Accepted,{category},"{issues}",5'
        for n in range(6)
        for verb, category in (("Abolish", 5), ("Continue work on", 2))
        for topic, issues in topics
    ]
    (tmp_path / "export.csv").write_bytes("\r".join(lines).encode("mac_roman"))
    err = io.StringIO()

    call_command("train_classifier", "--from-csv", str(tmp_path / "export.csv"), stdout=err, stderr=err)

    assert sorted(load_classifier().model.labels) == ["death-penalty", "torture-and-other-cid-treatment"]
    assert "Issues not in the taxonomy, ignored: Made up" in err.getvalue()
