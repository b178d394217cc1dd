"""``manage.py import_recommendations PATH… [--format …] [--dry-run] [--review ISO3:SESSION]``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from upr.importing.loader import import_recommendations, parse_review, read_sources
from upr.importing.progress import TerminalProgress
from upr.importing.sources import FORMATS, SourceError


class Command(BaseCommand):
    help = _(
        "Import past UPR recommendations from UPR Info CSV exports or OHCHR Word matrices (all or nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--format", choices=FORMATS, help=_("Default: recognised from each file's content.")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("Report what would change; write nothing.")
        )
        parser.add_argument(
            "--review", metavar="ISO3:SESSION", help=_("Review of an OHCHR matrix that does not name it.")
        )

    def handle(self, *args, **options):
        try:
            review = parse_review(options["review"]) if options["review"] else None
            sources = read_sources(options["paths"])
        except (ValueError, SourceError) as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(
                _("%(path)s: %(error)s") % {"path": exc.filename, "error": exc.strerror}
            ) from None
        with TerminalProgress() as progress:
            report = import_recommendations(
                sources,
                format=options["format"],
                dry_run=options["dry_run"],
                review=review,
                progress=progress,
            )
        self.stdout.write(report.render())
        if not report.ok:
            raise CommandError(
                _("%(n)d error(s): nothing was written.") % {"n": len(report.errors)}, returncode=2
            )

