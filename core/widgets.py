"""Form widgets every app uses: native date and date-time pickers (they work without JavaScript), short
choices on one line, long lists of checkboxes in groups with a filter box."""

import unicodedata

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


class InlineRadioSelect(forms.RadioSelect):
    """A short choice (yes/no, in person/online) on one line under its legend instead of a column."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "choices-inline", **(attrs or {})}, choices)


def _sort_key(label):
    """Alphabetical order that ignores accents and case ("Éducation" sorts with "E")."""
    decomposed = unicodedata.normalize("NFD", str(label))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class CheckboxGroups(forms.CheckboxSelectMultiple):
    """A long list of checkboxes (model choices) in groups, one fieldset each, with a filter box.

    ``group_by(instance)`` gives each box's group as ``(order, legend)``: the groups come in that order,
    their boxes alphabetically in the current language (accents and case ignored).
    ``static/js/checkbox-filter.js`` shows the filter box and the count of ticked boxes; without
    JavaScript every box is visible and the filter stays hidden.
    """

    template_name = "core/widgets/checkbox_groups.html"

    class Media:
        js = ["js/checkbox-filter.js"]

    def __init__(self, attrs=None, choices=(), *, group_by, filter_label=""):
        super().__init__(attrs, choices)
        self.group_by = group_by
        self.filter_label = filter_label

    def optgroups(self, name, value, attrs=None):
        flat = super().optgroups(name, value, attrs)  # one group per option: the choices are not nested
        groups = {}
        for option in sorted(
            (option for _group, members, _index in flat for option in members),
            key=lambda option: _sort_key(option["label"]),
        ):
            groups.setdefault(self.group_by(option["value"].instance), []).append(option)
        ordered = sorted(groups.items(), key=lambda group: group[0][0])
        return [(legend, members, index) for index, ((_order, legend), members) in enumerate(ordered)]

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
