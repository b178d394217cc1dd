from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmbassiesConfig(AppConfig):
    name = "embassies"
    verbose_name = _("Permanent Missions")

    def ready(self):
        from embassies.invitations.signals import on_panel_changed
        from embassies.missions.demo import on_demo_seeded
        from presessions.programme.signals import panel_changed
        from speakers.demo import demo_seeded

        demo_seeded.connect(on_demo_seeded, dispatch_uid="embassies-demo-missions")
        panel_changed.connect(on_panel_changed, dispatch_uid="embassies-invitation-calendar-updates")
