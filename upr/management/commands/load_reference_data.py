"""``manage.py load_reference_data``: load the shipped UN reference data (idempotent)."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from upr.services import load_reference_data


class Command(BaseCommand):
    help = (
        "Load the UN reference data shipped in upr/reference/ (States, aliases, sessions, Reviews, issues)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", help="read the CSV files from this folder instead of upr/reference/"
        )

    def handle(self, *args, directory=None, **options):
        started = time.perf_counter()
        results = load_reference_data(stdout=self.stdout, directory=directory)
        written = sum(counts.created + counts.updated for counts in results.values())
        self.stdout.write(
            self.style.SUCCESS(
                _("Reference data loaded in %(seconds).2f s: %(written)d rows written.")
                % {"seconds": time.perf_counter() - started, "written": written}
            )
        )
