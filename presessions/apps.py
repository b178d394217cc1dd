from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresessionsConfig(AppConfig):
    name = "presessions"
    verbose_name = _("Pre-sessions")

    def ready(self):
        # Scheduling jobs queue their task by name (``presessions.autoschedule.services.RUN_TASK``):
        # register it in every process, not only in workers (where Celery's autodiscovery finds it).
        from core.homepage import register_home_section

        from . import tasks  # noqa: F401
        from .home import SECTION

        register_home_section(SECTION)
