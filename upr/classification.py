"""Suggesting UPR Info issues and an action category for recommendations that carry none.

OHCHR documents give neither the UPR Info issues nor the action category (1–5). A model trained on
the coded UPR Info rows suggests both; staff confirm or adjust the suggestion (see ``upr.suggestions``).

- Issues (several per text): TF-IDF of word 1–2-grams plus the first words, one linear SVM per issue
  (one-vs-rest), margins calibrated to 0–1 and one threshold tuned on a held-out part of the training
  data; every text gets at least its best-scoring issue.
- Action category: a linear SVM on the same features, with sigmoid-calibrated probabilities.
- ``rule_category`` is the simple first-verb baseline from the category definitions; it also explains a
  suggestion to staff ("starts with 'ratify' → specific action").

Everything is deterministic (fixed ``random_state``). Models are saved with joblib; loading is lazy and
cached per file and modification time. No network is used, ever.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.preprocessing import FunctionTransformer, MultiLabelBinarizer
from sklearn.svm import LinearSVC

from upr.importing.sources import read_bytes

FORMAT_VERSION = 1
ACTION_CATEGORIES = (1, 2, 3, 4, 5)
RANDOM_STATE = 0


class NoModelError(Exception):
    """No classifier has been trained yet (or the file is unreadable)."""


# --- Baseline: first-verb rules ---------------------------------------------------------------------
# Built from the category definitions (DOMAIN.md): 1 minimal action (addressed to other States, asks for
# assistance or shares experience), 2 continuing action, 3 considering action, 4 general action,
# 5 specific action. Longer phrases are tried before single words.
ACTION_CATEGORY_PHRASES: dict[int, tuple[str, ...]] = {
    1: ("call on", "call upon", "seek", "request assistance", "request technical", "share", "exchange",
        "appeal"),
    2: ("continue", "maintain", "pursue", "persist", "persevere", "keep", "sustain"),
    3: ("consider", "examine", "explore", "study", "reflect", "envisage", "assess", "evaluate", "review",
        "look into", "analyse", "analyze"),
    4: ("ensure", "strengthen", "promote", "take measures", "take steps", "take", "intensify", "improve",
        "enhance", "increase", "step up", "redouble", "reinforce", "guarantee", "accelerate", "address",
        "respect", "protect", "make efforts", "work", "combat", "support", "encourage", "cooperate"),
    5: ("ratify", "adopt", "abolish", "establish", "enact", "repeal", "amend", "accede",
        "withdraw reservations", "withdraw", "sign", "become party", "decriminalize", "decriminalise",
        "criminalize", "criminalise", "extend", "issue", "investigate", "prohibit", "ban", "set up", "create",
        "incorporate", "implement", "submit", "introduce", "eliminate", "remove"),
}  # fmt: skip
ACTION_CATEGORY_RULES: dict[str, int] = {
    phrase: category for category, phrases in ACTION_CATEGORY_PHRASES.items() for phrase in phrases
}
# Words that may precede the verb without carrying the category ("Further strengthen …").
_SKIPPED_WORDS = frozenset(
    "to further fully effectively immediately urgently promptly also duly swiftly seriously actively "
    "that the government state authorities it its should recommends recommended please".split()
)
_WORDS = re.compile(r"[a-z]+")
DEFAULT_RULE_CATEGORY = 4


@dataclass(frozen=True)
class RuleMatch:
    category: int
    phrase: str  # the words that decided, "" when the default applied


def rule_category(text: str) -> RuleMatch:
    """The action category that the text's first verb suggests (the baseline and an explanation)."""
    words = _WORDS.findall(text.lower())[:12]
    for index, word in enumerate(words):
        for length in (3, 2, 1):
            phrase = " ".join(words[index : index + length])
            if phrase in ACTION_CATEGORY_RULES:
                return RuleMatch(ACTION_CATEGORY_RULES[phrase], phrase)
        if word not in _SKIPPED_WORDS:
            break
    return RuleMatch(DEFAULT_RULE_CATEGORY, "")


# --- Training data ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    """One coded recommendation: its text, issue labels (slugs or names), category 1–5, WG session."""

    text: str
    issues: tuple[str, ...] = ()
    action_category: int | None = None
    session: int | None = None


def normalise_text(text: str) -> str:
    return " ".join(text.split())


def decode_upr_info_csv(data: bytes) -> str:
    """UPR Info exports: UTF-8, or old Mac Excel (Mac Roman, bare CR), or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("mac_roman" if b"\r" in data and b"\n" not in data else "cp1252")


def examples_from_upr_info_csv(paths: Iterable[Path]) -> list[Example]:
    """Read UPR Info CSV exports; a text made by several States in one review counts once."""
    seen: dict[tuple, Example] = {}
    for path in paths:
        reader = csv.DictReader(io.StringIO(decode_upr_info_csv(read_bytes(path)), newline=None))
        for row in reader:
            text = normalise_text(row.get("Text") or "")
            action = (row.get("Action") or "").strip()
            session = (row.get("Session") or "").strip()
            if not text or not session.isdigit():
                continue
            issues = tuple(sorted({i.strip() for i in (row.get("Issue") or "").split(",") if i.strip()}))
            key = (int(session), (row.get("To") or "").strip(), text)
            seen.setdefault(
                key, Example(text, issues, int(action) if action.isdigit() else None, int(session))
            )
    return list(seen.values())


# --- The model ----------------------------------------------------------------------------------------
def lead_words(texts):
    """The first four words of each text, marked as such (the verb decides the category)."""
    return [" ".join(f"lead{i}_{w}" for i, w in enumerate(_WORDS.findall(t.lower())[:4])) for t in texts]


def _features() -> FeatureUnion:
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, strip_accents="unicode")
    lead = make_pipeline(FunctionTransformer(lead_words), CountVectorizer(binary=True, token_pattern=r"\S+"))  # noqa: S106
    return FeatureUnion([("words", words), ("lead", lead)])


@dataclass(frozen=True)
class Prediction:
    issues: tuple[tuple[str, float], ...]  # (label, score 0–1), best first
    action_category: int | None
    action_probability: float | None
    rule: RuleMatch


@dataclass
class RecommendationClassifier:
    """A fitted model; ``predict`` takes texts and returns one ``Prediction`` each.

    Issue scores are the linear models' margins mapped to 0–1 by one logistic calibration fitted on
    held-out training rows; ``threshold`` applies to those scores.
    """

    features: FeatureUnion
    binarizer: MultiLabelBinarizer
    issue_model: OneVsRestClassifier
    calibration: tuple[float, float]  # score = 1 / (1 + exp(-(a * margin + b)))
    threshold: float
    category_model: CalibratedClassifierCV | None
    trained_on: int
    details: dict = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    @property
    def labels(self) -> list[str]:
        return list(self.binarizer.classes_)

    def predict(self, texts: Sequence[str], *, max_issues: int = 5) -> list[Prediction]:
        if not texts:
            return []
        matrix = self.features.transform([normalise_text(t) for t in texts])
        scores = _calibrated(_margins(self.issue_model, matrix), self.calibration)
        categories = probabilities = None
        if self.category_model is not None:
            category_scores = self.category_model.predict_proba(matrix)
            categories = self.category_model.classes_[category_scores.argmax(axis=1)]
            probabilities = category_scores.max(axis=1)
        labels = self.labels
        predictions = []
        for row, text in enumerate(texts):
            chosen = _chosen_columns(scores[row], self.threshold)[:max_issues]
            predictions.append(
                Prediction(
                    issues=tuple((labels[c], round(float(scores[row, c]), 4)) for c in chosen),
                    action_category=int(categories[row]) if categories is not None else None,
                    action_probability=None if probabilities is None else round(float(probabilities[row]), 4),
                    rule=rule_category(text),
                )
            )
        return predictions

    def predict_issue_sets(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        return [tuple(label for label, _score in p.issues) for p in self.predict(texts, max_issues=99)]

    def predict_categories(self, texts: Sequence[str]) -> list[int | None]:
        return [p.action_category for p in self.predict(texts, max_issues=1)]


def _margins(model: OneVsRestClassifier, matrix) -> np.ndarray:
    margins = np.asarray(model.decision_function(matrix), dtype=float)
    return margins[:, None] if margins.ndim == 1 else margins  # one label: sklearn gives one column


def _calibrated(margins: np.ndarray, calibration: tuple[float, float]) -> np.ndarray:
    slope, intercept = calibration
    return 1.0 / (1.0 + np.exp(-(slope * margins + intercept)))


def _chosen_columns(row_scores: np.ndarray, threshold: float) -> list[int]:
    """Columns at or above the threshold, best first; at least the best one."""
    order = np.argsort(-row_scores, kind="stable")
    chosen = [int(c) for c in order if row_scores[c] >= threshold]
    return chosen or [int(order[0])]


def _fit_issues(matrix, truth: np.ndarray, random_state: int) -> OneVsRestClassifier:
    """A label absent from the rows is learnt as always-off (sklearn warns about it; that is expected)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
        return OneVsRestClassifier(LinearSVC(C=0.5, random_state=random_state)).fit(matrix, truth)


def _fit_calibration(margins: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """One logistic curve from margin to probability, shared by all issues (Platt scaling)."""
    if truth.min() == truth.max():
        return (1.0, 0.0)
    model = LogisticRegression(C=100.0).fit(margins.reshape(-1, 1), truth.ravel())
    return (float(model.coef_[0, 0]), float(model.intercept_[0]))


def _tune_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The global threshold that maximises micro-F1 (with at least one label per row)."""
    best = (-1.0, 0.5)
    top = scores.argmax(axis=1)
    for threshold in np.arange(0.10, 0.71, 0.025):
        predicted = (scores >= threshold).astype(int)
        predicted[np.arange(len(top)), top] = 1
        true_positives = int((predicted & truth).sum())
        score = 2 * true_positives / max(int(predicted.sum() + truth.sum()), 1)
        if score > best[0] + 1e-9:
            best = (score, round(float(threshold), 3))
    return best[1]


def train(
    examples: Iterable[Example], *, random_state: int = RANDOM_STATE, validation_share: float = 0.15
) -> RecommendationClassifier:
    """Fit the issue and category models. Examples without issues still teach the category."""
    examples = [e for e in examples if e.text and (e.issues or e.action_category in ACTION_CATEGORIES)]
    with_issues = np.array([i for i, e in enumerate(examples) if e.issues], dtype=int)
    if not len(with_issues):
        raise ValueError("No coded recommendations to train on.")
    features = _features()
    everything = features.fit_transform([normalise_text(e.text) for e in examples])
    binarizer = MultiLabelBinarizer().fit([examples[i].issues for i in with_issues])
    matrix = everything[with_issues]
    truth = binarizer.transform([examples[i].issues for i in with_issues])

    calibration, threshold = (2.0, 0.0), 0.5
    held_out = _validation_rows(len(with_issues), validation_share, random_state)
    if len(held_out) >= 10:
        kept = np.setdiff1d(np.arange(len(with_issues)), held_out)
        probe = _fit_issues(matrix[kept], truth[kept], random_state)
        margins = _margins(probe, matrix[held_out])
        calibration = _fit_calibration(margins, truth[held_out])
        threshold = _tune_threshold(_calibrated(margins, calibration), truth[held_out])
    return RecommendationClassifier(
        features=features,
        binarizer=binarizer,
        issue_model=_fit_issues(matrix, truth, random_state),
        calibration=calibration,
        threshold=threshold,
        category_model=_fit_category(everything, examples, random_state),
        trained_on=len(examples),
        details={
            "issue_examples": len(with_issues),
            "validation_rows": len(held_out),
            "sklearn": sklearn.__version__,
        },
    )


def _fit_category(everything, examples: list[Example], random_state: int) -> CalibratedClassifierCV | None:
    """A linear SVM with probabilities from 3-fold sigmoid calibration; a category seen fewer than 3
    times cannot be calibrated, so it is left out (the model then never suggests it)."""
    counts = Counter(e.action_category for e in examples if e.action_category in ACTION_CATEGORIES)
    learnable = {category for category, count in counts.items() if count >= 3}
    if len(learnable) < 2:
        return None
    coded = np.array([i for i, e in enumerate(examples) if e.action_category in learnable], dtype=int)
    model = CalibratedClassifierCV(LinearSVC(C=0.5, random_state=random_state), cv=3, method="sigmoid")
    return model.fit(everything[coded], [examples[i].action_category for i in coded])


def _validation_rows(count: int, share: float, random_state: int) -> np.ndarray:
    rng = np.random.default_rng(random_state)
    return np.sort(rng.permutation(count)[: int(count * share)])


# --- Baseline for issues ------------------------------------------------------------------------------
@dataclass
class MostFrequentIssues:
    """Predict the k most frequent issues of the training data for every text (k tuned on training)."""

    ranked: list[str] = field(default_factory=list)
    k: int = 1

    def fit(self, examples: Iterable[Example]) -> MostFrequentIssues:
        from sklearn.metrics import f1_score

        examples = [e for e in examples if e.issues]
        counts = Counter(issue for e in examples for issue in e.issues)
        self.ranked = [label for label, _n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
        binarizer = MultiLabelBinarizer(classes=self.ranked).fit([])
        truth = binarizer.transform([e.issues for e in examples])
        best = (-1.0, 1)
        for k in range(1, min(6, len(self.ranked)) + 1):
            predicted = np.zeros_like(truth)
            predicted[:, :k] = 1
            best = max(best, (f1_score(truth, predicted, average="micro", zero_division=0), -k))
        self.k = -best[1]
        return self

    def predict_issue_sets(self, texts: Sequence[str]) -> list[tuple[str, ...]]:
        return [tuple(self.ranked[: self.k]) for _text in texts]


# --- Persistence --------------------------------------------------------------------------------------
def save_classifier(classifier: RecommendationClassifier, path: Path) -> str:
    """Write the model atomically; return its version (the first 12 hex digits of its SHA-256)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    joblib.dump(classifier, partial, compress=3)
    partial.replace(path)
    return file_version(path)


def file_version(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class LoadedClassifier:
    model: RecommendationClassifier
    version: str
    path: Path


_cache: dict[tuple[str, int, int], LoadedClassifier] = {}
_versions: dict[tuple[str, int, int], str] = {}
_cache_lock = threading.Lock()


def default_model_path() -> Path:
    from django.conf import settings

    return Path(getattr(settings, "CLASSIFIER_MODEL_PATH", Path(settings.VAR_DIR) / "classifier.joblib"))


def current_version(path: Path | None = None) -> str | None:
    """The version of the saved model without loading it (None when there is no model yet)."""
    path = Path(path or default_model_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if key not in _versions:
            _versions.clear()
            _versions[key] = file_version(path)
        return _versions[key]


def load_classifier(path: Path | None = None) -> LoadedClassifier:
    """The saved model, loaded once per file version. Raises ``NoModelError`` when there is none."""
    path = Path(path or default_model_path())
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise NoModelError(f"No classifier at {path}: run `manage.py train_classifier` first.") from None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _cache_lock:
        if key not in _cache:
            try:
                with warnings.catch_warnings():  # another scikit-learn version: refused just below
                    warnings.simplefilter("ignore", InconsistentVersionWarning)
                    model = joblib.load(path)  # noqa: S301 - our own file under VAR_DIR, never uploaded
            except Exception as error:  # a truncated or foreign file: say so, don't crash the page
                raise NoModelError(f"The classifier at {path} cannot be read ({error}).") from error
            if getattr(model, "format_version", None) != FORMAT_VERSION or (
                model.details.get("sklearn") != sklearn.__version__
            ):
                raise NoModelError(f"The classifier at {path} is from another version: train it again.")
            _cache.clear()
            _cache[key] = LoadedClassifier(model, file_version(path), path)
        return _cache[key]
