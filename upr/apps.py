from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _repair_search_index(sender, using="default", **kwargs):
    from upr.search import ensure_search_index

    ensure_search_index(using)


class UprConfig(AppConfig):
    name = "upr"
    verbose_name = _("UPR reference data")

    def ready(self):
        # SQLite drops a table's triggers when a migration rebuilds it: re-create the search triggers.
        post_migrate.connect(_repair_search_index, sender=self, dispatch_uid="upr-repair-search-index")
        # Import jobs queue their task by name (``upr.importing.jobs.RUN_TASK``): register it in every
        # process, not only in workers (where Celery's autodiscovery would find it).
        from . import tasks  # noqa: F401
        from .importing.signals import connect_file_cleanup

        connect_file_cleanup()
