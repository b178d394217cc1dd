from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self):
        # Filling the extension points of lower apps needs the models loaded, hence imports here.
        from core.files import count_towards_quota
        from presessions.extensions import register_application_counts
        from presessions.programme.demo import on_demo_seeded
        from presessions.programme.participants import register_lineup_editor, register_participant_provider

        from .applications import signals as application_signals
        from .applications.counts import PRESESSION_COUNTS, ROUND_COUNTS
        from .applications.models import Application, ApplicationAnswer
        from .applications.signals import place_freed
        from .demo import demo_seeded
        from .lineup.participants import lineup_participants
        from .lineup.services import SpeakerLineupEditor
        from .selection.services import offer_freed_place
        from .statements import signals as statement_signals
        from .statements.demo import on_demo_seeded as seed_demo_statements
        from .statements.models import Statement

        register_application_counts(round_counts=ROUND_COUNTS, presession_counts=PRESESSION_COUNTS)
        register_participant_provider(lineup_participants)
        place_freed.connect(offer_freed_place, dispatch_uid="speakers.selection.offer_freed_place")
        register_lineup_editor("application", SpeakerLineupEditor())
        demo_seeded.connect(on_demo_seeded, dispatch_uid="presessions-demo-programme")
        demo_seeded.connect(seed_demo_statements, dispatch_uid="speakers-demo-statements")
        # Uploads (core.files): deleted rows' files go after commit; a person's files count towards a quota.
        application_signals.connect_file_cleanup()
        statement_signals.connect_file_cleanup()
        count_towards_quota(
            Application, "submission_file", size_field="submission_file_size", owner="created_by"
        )
        count_towards_quota(
            ApplicationAnswer, "file", size_field="file_size", owner="application__created_by"
        )
        count_towards_quota(Statement, "file", size_field="file_size", owner="application__created_by")
