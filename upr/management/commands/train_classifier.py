"""Train the classifier that suggests issues and action categories, and save it under var/."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from upr.classification import examples_from_upr_info_csv, save_classifier, train
from upr.models import Issue
from upr.suggestions import training_examples


class Command(BaseCommand):
    help = (
        "Train the issue and action-category classifier on the coded recommendations in the database "
        "(or on UPR Info CSV exports with --from-csv) and save it to CLASSIFIER_MODEL_PATH."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from-csv", nargs="+", type=Path, metavar="CSV",
                            help="UPR Info CSV exports to train on instead of the database.")  # fmt: skip
        parser.add_argument("--output", type=Path, help="Where to save the model (default: the setting).")
        parser.add_argument("--max-session", type=int, help="Train only on sessions up to this number.")

    def handle(self, *args, from_csv=None, output=None, max_session=None, **options):
        examples = self._csv_examples(from_csv) if from_csv else training_examples()
        if max_session is not None:
            examples = [e for e in examples if e.session is not None and e.session <= max_session]
        if not any(e.issues for e in examples):
            raise CommandError(
                "No recommendations with issues to train on: import the UPR Info data first "
                "(manage.py import_recommendations) or pass --from-csv."
            )
        started = time.perf_counter()
        model = train(examples)
        path = Path(output or settings.CLASSIFIER_MODEL_PATH)
        version = save_classifier(model, path)
        self.stdout.write(
            f"Trained on {model.trained_on} recommendations ({len(model.labels)} issues, threshold "
            f"{model.threshold}) in {time.perf_counter() - started:.1f} s.\n"
            f"Saved {path} ({path.stat().st_size / 1e6:.1f} MB), model version {version}."
        )

    def _csv_examples(self, paths):
        """CSV rows name their issues in English; the model learns the taxonomy's slugs."""
        slugs = {name.casefold(): slug for slug, name in Issue.objects.values_list("slug", "name_en")}
        unknown = set()
        examples = []
        for example in examples_from_upr_info_csv(paths):
            known = tuple(sorted(slugs[n.casefold()] for n in example.issues if n.casefold() in slugs))
            unknown.update(n for n in example.issues if n.casefold() not in slugs)
            examples.append(example.__class__(example.text, known, example.action_category, example.session))
        if unknown:
            self.stderr.write(f"Issues not in the taxonomy, ignored: {', '.join(sorted(unknown))}")
        return examples
