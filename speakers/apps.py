from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self):
        from presessions.programme.demo import on_demo_seeded
        from presessions.programme.participants import register_lineup_editor, register_participant_provider

        from .demo import demo_seeded
        from .lineup.participants import lineup_participants
        from .lineup.services import SpeakerLineupEditor

        register_participant_provider(lineup_participants)
        register_lineup_editor("application", SpeakerLineupEditor())
        demo_seeded.connect(on_demo_seeded, dispatch_uid="presessions-demo-programme")
