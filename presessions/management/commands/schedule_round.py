"""``manage.py schedule_round NUMBER [--time-limit SECONDS]``: place the round's confirmed panels.

Exit status: 0 a timetable was written to the draft; 2 infeasible (the conflicting constraints are
printed); 3 no timetable found within the time limit; 1 any other error.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.errors import DomainError
from presessions.autoschedule.models import SchedulingJob
from presessions.autoschedule.services import schedule_round
from presessions.rounds.models import Round


class Command(BaseCommand):
    help = _("Place the confirmed panels of a round with the automatic scheduler; write the draft timetable.")

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help=_("The round's number (its WG session)."))
        parser.add_argument(
            "--time-limit", type=int, default=SchedulingJob.DEFAULT_TIME_LIMIT, metavar="SECONDS",
            help=_("Stop searching after this many seconds (default %(default)s)."),
        )

    def handle(self, *args, **options):
        round_ = Round.objects.filter(number=options["number"]).first()
        if round_ is None:
            raise CommandError(_("There is no round %(number)s.") % {"number": options["number"]})
        try:
            outcome = schedule_round(round_, time_limit=options["time_limit"], actor=None)
        except DomainError as error:
            raise CommandError(str(error)) from None
        result = outcome.result
        self.stdout.write(_("Status: %(status)s") % {"status": result.status})
        self.stdout.write(_("Time: %(seconds).2f s") % {"seconds": result.wall_time})
        if result.found:
            self._report(outcome)
        elif result.status == "INFEASIBLE":
            self.stdout.write(_("No timetable satisfies these constraints together:"))
            for reason in result.explanation:
                self.stdout.write(f"  - {reason.render(_)}")
            raise CommandError(_("Infeasible: nothing was written."), returncode=2)
        else:
            raise CommandError(
                _("No timetable found within the time limit: nothing was written."), returncode=3
            )

    def _report(self, outcome):
        result, loaded = outcome.result, outcome.loaded
        self.stdout.write(_("Objective: %(objective)s (best bound %(bound)s, gap %(gap).1f%%)") % {
            "objective": result.objective, "bound": result.best_bound, "gap": 100 * result.gap})
        for cost in result.costs:
            self.stdout.write(f"  {_(cost.label)}: {cost.amount} → {cost.cost}")
            for detail in cost.details:
                self.stdout.write(f"    - {detail.render(_)}")
        for placement in result.placements:
            panel, room = loaded.presessions[placement.panel], loaded.rooms[placement.room]
            self.stdout.write(f"  {placement.starts:%Y-%m-%d %H:%M}–{placement.ends:%H:%M}  {room}  "
                              f"{panel.review.state}")
        self.stdout.write(
            _("%(count)s panel(s) placed or moved in the draft timetable.") % {"count": outcome.written}
        )
