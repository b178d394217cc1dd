from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BriefsConfig(AppConfig):
    name = "briefs"
    verbose_name = _("Briefs")

    def ready(self):
        # Filling the extension point of a lower app needs the models loaded, hence imports here.
        from presessions.programme.sections import register_panel_section

        from .pdf.signals import connect_file_cleanup
        from .publication.sections import published_section

        register_panel_section(published_section)
        connect_file_cleanup()
