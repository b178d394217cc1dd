from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UprConfig(AppConfig):
    name = "upr"
    verbose_name = _("UPR reference data")
