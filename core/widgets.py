"""Form widgets every app uses: native date and date-time pickers (they work without JavaScript), short
choices on one line, long lists of checkboxes in groups with a filter box."""

import math
import unicodedata

from django import forms
from django.utils.translation import gettext as _


class DateTimeLocalInput(forms.DateTimeInput):
    """A native date-time picker; the value is read in the current time zone (Europe/Zurich)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class InlineRadioSelect(forms.RadioSelect):
    """A short choice (yes/no, in person/online) on one line under its legend instead of a column."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "choices-inline", **(attrs or {})}, choices)


def _sort_key(label):
    """Alphabetical order that ignores accents and case ("Éducation" sorts with "E")."""
    decomposed = unicodedata.normalize("NFD", str(label))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class CheckboxGroups(forms.CheckboxSelectMultiple):
    """A long list of checkboxes in alphabetical groups, one fieldset each, with a filter box.

    The groups span initial letters ("A to D") of the labels in the current language and hold about
    ``group_size`` boxes; a letter is never split (so in French the many "Droit…" make one group).
    ``static/js/checkbox-filter.js`` shows the filter box and the count of ticked boxes; without
    JavaScript every box is visible and the filter stays hidden.
    """

    template_name = "core/widgets/checkbox_groups.html"

    class Media:
        js = ["js/checkbox-filter.js"]

    def __init__(self, attrs=None, choices=(), *, filter_label="", group_size=10):
        super().__init__(attrs, choices)
        self.filter_label = filter_label
        self.group_size = group_size

    def optgroups(self, name, value, attrs=None):
        flat = super().optgroups(name, value, attrs)  # one group per option: the choices are not nested
        options = [option for _group, members, _index in flat for option in members]
        options.sort(key=lambda option: _sort_key(option["label"]))
        by_letter = {}
        for option in options:
            by_letter.setdefault(_sort_key(option["label"])[:1].upper(), []).append(option)
        # A letter joins the group when that brings the group closer to the target size.
        target = len(options) / max(1, math.ceil(len(options) / self.group_size))
        groups, letters, members = [], [], []
        for letter, letter_options in by_letter.items():
            if members and abs(len(members) + len(letter_options) - target) > abs(len(members) - target):
                groups.append((letters, members))
                letters, members = [], []
            letters.append(letter)
            members.extend(letter_options)
        if members:
            groups.append((letters, members))
        return [(self._legend(letters), members, index) for index, (letters, members) in enumerate(groups)]

    @staticmethod
    def _legend(letters):
        if letters[0] == letters[-1]:
            return letters[0]
        # Translators: a group of checkboxes whose labels start with the letters from A to D.
        return _("%(first)s to %(last)s") % {"first": letters[0], "last": letters[-1]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        options = [option for _legend, members, _index in groups for option in members]
        context["widget"].update(
            filter_label=self.filter_label,
            total=len(options),
            selected=sum(1 for option in options if option["selected"]),
        )
        return context
