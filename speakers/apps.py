from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self):
        # Filling the extension points of lower apps needs the models loaded, hence imports here.
        from presessions.extensions import register_application_counts
        from presessions.programme.demo import on_demo_seeded
        from presessions.programme.participants import register_lineup_editor, register_participant_provider

        from .applications.counts import PRESESSION_COUNTS, ROUND_COUNTS
        from .applications.signals import place_freed
        from .demo import demo_seeded
        from .lineup.participants import lineup_participants
        from .lineup.services import SpeakerLineupEditor
        from .selection.services import offer_freed_place

        register_application_counts(round_counts=ROUND_COUNTS, presession_counts=PRESESSION_COUNTS)
        register_participant_provider(lineup_participants)
        place_freed.connect(offer_freed_place, dispatch_uid="speakers.selection.offer_freed_place")
        register_lineup_editor("application", SpeakerLineupEditor())
        demo_seeded.connect(on_demo_seeded, dispatch_uid="presessions-demo-programme")
