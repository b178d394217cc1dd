"""Build a round's briefs and info sheets (and the round book) through the same task staff start."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from briefs.pdf import services
from briefs.pdf.tasks import render_document
from core.links import absolute_url
from presessions.models import Presession, Round


class Command(BaseCommand):
    help = "Build the PDF briefs of round NUMBER; print the stored path and URL of each PDF."

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="The round's number (its WG session).")
        parser.add_argument("--panel", help="Only the panel with this public token.")
        parser.add_argument("--book", action="store_true", help="Also build the round book.")
        parser.add_argument(
            "--language",
            action="append",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language (repeat for several); default: every language of the site.",
        )

    def handle(self, *args, number, panel=None, book=False, language=None, **options):
        round_ = Round.objects.filter(number=number).first()
        if round_ is None:
            raise CommandError(f"No round number {number}.")
        panels = None
        if panel:
            panels = list(Presession.objects.filter(round=round_, token=panel))
            if not panels:
                raise CommandError(f"No panel with token {panel!r} in round {number}.")
        languages = language or [code for code, _name in settings.LANGUAGES]
        documents = services.request_round(round_, languages=languages, panels=panels, book=book, queue=False)
        for document in documents:
            # The same task the staff pages queue, run here in-process so the path can be printed.
            render_document.apply(kwargs={"document_id": document.pk}, throw=True)
            document.refresh_from_db()
            url = absolute_url("briefs:document_download", token=document.token)
            self.stdout.write(
                f"{document.file.path}\t{url}\t{document.get_kind_display()} {document.language}"
            )
