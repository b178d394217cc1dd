from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # The outbox queues its delivery task by name (``core.outbox.DELIVERY_TASK``): register it in
        # every process, not only in workers (where Celery's autodiscovery would find it).
        from . import tasks  # noqa: F401
