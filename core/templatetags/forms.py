"""Accessible form rendering: labels, help and errors tied to their inputs, first error focused."""

from django import forms, template

register = template.Library()

CHOICE_WIDGETS = (forms.CheckboxInput,)


def field_rows(form):
    rows = []
    focus_set = False
    for field in form.visible_fields():
        describedby = []
        help_id = f"{field.auto_id}-help" if field.help_text else ""
        error_id = f"{field.auto_id}-error" if field.errors else ""
        if error_id:
            describedby.append(error_id)
        if help_id:
            describedby.append(help_id)
        attrs = {}
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        if field.errors:
            attrs["aria-invalid"] = "true"
            if not focus_set:
                attrs["autofocus"] = True
                focus_set = True
        rows.append(
            {
                "field": field,
                "required": is_required(field),
                "optional": _is_optional(field.field),
                "widget": field.as_widget(attrs=attrs),
                "help_id": help_id,
                "error_id": error_id,
                "is_checkbox": isinstance(field.field.widget, CHOICE_WIDGETS),
                "is_group": isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple),
            }
        )
    return rows


@register.filter
def is_required(bound_field):
    """Marked "(required)": required by the form, or named in the form's ``required_to_submit``.

    ``required_to_submit`` is for forms that save drafts: the field may be left empty for now, but the
    service refuses the submission without it (e.g. the speaker's name on an application).
    """
    to_submit = getattr(bound_field.form, "required_to_submit", ())
    return bound_field.field.required or bound_field.name in to_submit


@register.filter
def is_checkbox(bound_field):
    """A single checkbox: its label goes to the right of the box."""
    return isinstance(bound_field.field.widget, CHOICE_WIDGETS)


def _is_optional(form_field):
    """Worth saying "(optional)": not required, and not a select that always carries a value."""
    if form_field.required:
        return False
    choices = getattr(form_field, "choices", None)
    if choices is not None and isinstance(form_field.widget, forms.Select):
        return any(value in ("", None) for value, _label in choices)
    return True


@register.inclusion_tag("includes/form_fields.html")
def form_fields(form, order=""):
    """Render every field of ``form`` with an error summary (GOV.UK-style) above them.

    ``order`` (names separated by spaces) puts those fields first, in that order.
    """
    rows = field_rows(form)
    if order:
        first = order.split()
        rank = {name: index for index, name in enumerate(first)}
        rows.sort(key=lambda row: rank.get(row["field"].name, len(first)))
    summary = [(form.non_field_errors(), None, "")] if form.non_field_errors() else []
    summary += [
        (row["field"].errors, row["field"].auto_id, row["field"].label) for row in rows if row["field"].errors
    ]
    return {"form": form, "rows": rows, "summary": summary, "hidden": form.hidden_fields()}
