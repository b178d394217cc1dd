"""The form that starts a scheduling run."""

from django import forms
from django.utils.translation import gettext_lazy as _

from presessions.autoschedule.models import SchedulingJob


class SchedulingForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        min_value=1,
        max_value=SchedulingJob.MAX_TIME_LIMIT,
        initial=SchedulingJob.DEFAULT_TIME_LIMIT,
        help_text=_("The solver stops at the best timetable found by then (sooner when it proves the best)."),
    )
