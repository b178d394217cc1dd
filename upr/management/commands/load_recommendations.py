"""``manage.py load_recommendations [--force]``: load the bundled UPR Info database once (``make data``)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from upr.importing.bundled import RECOMMENDATIONS, bundled_paths, loaded_count
from upr.importing.loader import import_recommendations, read_sources
from upr.importing.progress import TerminalProgress
from upr.importing.sources import SourceError


class Command(BaseCommand):
    help = _(
        "Load the UPR Info recommendations of sessions 1–20 shipped with the project; "
        "skipped when they are already in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help=_("Import even when the data looks loaded already.")
        )

    def handle(self, *args, force=False, **options):
        count = loaded_count()
        if not force and count >= RECOMMENDATIONS:
            skipped = _("UPR Info recommendations already loaded (%(count)d): skipped.")
            self.stdout.write(skipped % {"count": count})
            return
        started = time.monotonic()
        message = _("Loading %(count)d UPR Info recommendations (sessions 1–20), once…")
        self.stdout.write(message % {"count": RECOMMENDATIONS})
        try:
            sources = read_sources(bundled_paths())
        except (OSError, SourceError) as exc:
            raise CommandError(str(exc)) from None
        with TerminalProgress() as progress:
            report = import_recommendations(sources, progress=progress)
        if not report.ok:
            self.stdout.write(report.render())
            raise CommandError(
                _("%(n)d error(s): nothing was written.") % {"n": len(report.errors)}, returncode=2
            )
        self.stdout.write(
            _("UPR Info recommendations: %(created)d created, %(updated)d updated in %(seconds).1f s.")
            % {
                "created": report.created,
                "updated": report.updated,
                "seconds": time.monotonic() - started,
            }
        )
