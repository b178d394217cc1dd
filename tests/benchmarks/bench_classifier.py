"""Benchmark and honest evaluation of the issue / action-category classifier.

Trains on UPR Info sessions 1–17 and measures on sessions 18–20 (never seen in training), against simple
baselines: the most frequent issues of the training data (k tuned on training) and the first-verb rules
for the action category (``upr.classification.rule_category``). A text made by several States in one
review counts once, as in the database.

Run: ``.venv/bin/python tests/benchmarks/bench_classifier.py [DATA_DIR]`` (default ``../shared/data`` or
``UPR_SHARED_DATA_DIR``).
"""

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.evaluation import accuracy, issue_scores  # noqa: E402
from upr.classification import (  # noqa: E402
    MostFrequentIssues,
    examples_from_upr_info_csv,
    rule_category,
    save_classifier,
    train,
)

LAST_TRAINING_SESSION = 17
SHARED = os.environ.get("UPR_SHARED_DATA_DIR") or next(
    (p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "data").exists()),
    ROOT.parent / "shared" / "data",
)


def main(data_dir: Path):
    files = sorted((data_dir / "recommendations" / "upr-info").glob("[0-9]*.csv"))
    started = time.perf_counter()
    examples = examples_from_upr_info_csv(files)
    print(f"Read {len(examples)} distinct recommendations from {len(files)} files "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    training = [e for e in examples if e.session <= LAST_TRAINING_SESSION]
    testing = [e for e in examples if e.session > LAST_TRAINING_SESSION]
    texts = [e.text for e in testing]
    print(f"Training: sessions 1–{LAST_TRAINING_SESSION}, {len(training)} texts; "
          f"test: sessions {LAST_TRAINING_SESSION + 1}–20, {len(testing)} texts")  # fmt: skip

    started, cpu = time.perf_counter(), time.process_time()
    model = train(training)
    training_seconds, training_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    predictions = model.predict(texts, max_issues=99)
    per_thousand = (time.perf_counter() - started) / len(texts) * 1000
    per_thousand_cpu = (time.process_time() - cpu) / len(texts) * 1000
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "classifier.joblib"
        version = save_classifier(model, path)
        size = path.stat().st_size

    truth_issues = [e.issues for e in testing]
    model_issues = issue_scores(truth_issues, [tuple(label for label, _ in p.issues) for p in predictions])
    baseline = MostFrequentIssues().fit(training)
    baseline_issues = issue_scores(truth_issues, baseline.predict_issue_sets(texts))
    truth = [e.action_category for e in testing]
    rules = [rule_category(t) for t in texts]
    model_accuracy = accuracy(truth, [p.action_category for p in predictions])
    rule_accuracy = accuracy(truth, [r.category for r in rules])
    majority = Counter(e.action_category for e in training).most_common(1)[0][0]

    print(f"\nIssues ({len(model.labels)} labels, threshold {model.threshold}, "
          f"mean {sum(len(p.issues) for p in predictions) / len(predictions):.2f} predicted vs "
          f"{sum(len(t) for t in truth_issues) / len(truth_issues):.2f} true per text)")  # fmt: skip
    print(f"  model                          micro-F1 {model_issues['micro_f1']:.3f}   "
          f"macro-F1 {model_issues['macro_f1']:.3f}")  # fmt: skip
    print(f"  baseline: top-{baseline.k} most frequent   micro-F1 {baseline_issues['micro_f1']:.3f}   "
          f"macro-F1 {baseline_issues['macro_f1']:.3f}")  # fmt: skip
    print("Action category")
    print(f"  model                          accuracy {model_accuracy:.3f}")
    matched = sum(1 for r in rules if r.phrase) / len(rules)
    print(f"  baseline: first-verb rules     accuracy {rule_accuracy:.3f} (a phrase matched {matched:.1%})")
    majority_accuracy = accuracy(truth, [majority] * len(truth))
    print(f"  baseline: always {majority}             accuracy {majority_accuracy:.3f}")
    print("Per category (recall: model / rules, over the test texts of that category)")
    for category in sorted(set(truth)):
        rows = [i for i, t in enumerate(truth) if t == category]
        model_recall = sum(1 for i in rows if predictions[i].action_category == category) / len(rows)
        rule_recall = sum(1 for i in rows if rules[i].category == category) / len(rows)
        print(f"  {category}: {len(rows):5d} texts   {model_recall:.3f} / {rule_recall:.3f}")
    per_issue = _per_issue_f1(truth_issues, [tuple(label for label, _ in p.issues) for p in predictions])
    print("Issues with the lowest F1 (support in the test sessions):")
    for label, f1, support in sorted(per_issue, key=lambda item: item[1])[:6]:
        print(f"  {f1:.3f}  {label} ({support})")
    print(f"\nTraining: {training_seconds:.1f} s (CPU {training_cpu:.1f} s); prediction: "
          f"{per_thousand * 1000:.0f} ms per 1,000 texts (CPU {per_thousand_cpu * 1000:.0f} ms); "
          f"model file {size / 1e6:.1f} MB (joblib, compress=3), version {version}")  # fmt: skip


def _per_issue_f1(truth, predicted):
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    binarizer = MultiLabelBinarizer().fit(list(truth) + list(predicted))
    y_true, y_pred = binarizer.transform(truth), binarizer.transform(predicted)
    scores = f1_score(y_true, y_pred, average=None, zero_division=0)
    return [(label, float(f1), int(y_true[:, i].sum())) for i, (label, f1) in
            enumerate(zip(binarizer.classes_, scores, strict=True)) if y_true[:, i].sum()]  # fmt: skip


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else SHARED))
