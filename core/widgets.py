"""Form widgets every app uses: native date and date-time pickers (they work without JavaScript)."""

from django import forms


class DateTimeLocalInput(forms.DateTimeInput):
    """A native date-time picker; the value is read in the current time zone (Europe/Zurich)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
