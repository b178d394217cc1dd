from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        # Every app declares its menu entries in its own navigation.py; check they all resolve.
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401

        autodiscover_modules("navigation")
        # The outbox queues its delivery task by name (``core.outbox.DELIVERY_TASK``): register it in
        # every process, not only in workers (where Celery's autodiscovery would find it).
        from . import tasks  # noqa: F401
