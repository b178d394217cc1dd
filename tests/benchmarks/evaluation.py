"""Evaluation of the issue and category classifier (``upr.classification``): measures, not product code.

Used by ``bench_classifier.py`` and by the classifier's tests; nothing in the app imports it.
"""

from collections.abc import Sequence

from sklearn.metrics import f1_score
from sklearn.preprocessing import MultiLabelBinarizer


def issue_scores(truth: Sequence[Sequence[str]], predicted: Sequence[Sequence[str]]) -> dict[str, float]:
    """Micro- and macro-F1 over the labels seen in either list."""
    binarizer = MultiLabelBinarizer().fit(list(truth) + list(predicted))
    y_true, y_pred = binarizer.transform(truth), binarizer.transform(predicted)
    return {
        "micro_f1": float(f1_score(y_true, y_pred, average="micro", zero_division=0)),
        "macro_f1": float(f1_score(y_true, y_pred, average="macro", zero_division=0)),
    }


def accuracy(truth: Sequence[int], predicted: Sequence[int | None]) -> float:
    pairs = list(zip(truth, predicted, strict=True))
    return sum(1 for t, p in pairs if t == p) / len(pairs) if pairs else 0.0
