"""Forms of review and selection (validation only; services do the writing)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Application, Organisation


class AssessmentForm(forms.Form):
    """One choice field per criterion of the Round (radio buttons 0…5), plus a comment."""

    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=5000
    )

    def __init__(self, *args, criteria, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        current = {}
        if assessment is not None:
            current = {score.criterion_id: score.value for score in assessment.scores.all()}
            self.fields["comment"].initial = assessment.comment
        for criterion in self.criteria:
            self.fields[self.field_name(criterion)] = forms.TypedChoiceField(
                label=f"{criterion.name} (×{criterion.weight.normalize()})",
                help_text=criterion.help_text,
                choices=[("", "—")] + [(value, value) for value in criterion.scale],
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(criterion.pk),
            )

    @staticmethod
    def field_name(criterion):
        return f"criterion_{criterion.pk}"

    def values(self):
        return {
            criterion.pk: self.cleaned_data.get(self.field_name(criterion)) for criterion in self.criteria
        }


class ConflictForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.order_by("name")
    )
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)


class AssignReviewersForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"), queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple
    )
    presession = forms.ModelChoiceField(
        label=_("Pre-session"), queryset=None, required=False, empty_label=_("All Pre-sessions of the round")
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = get_user_model().objects.filter(is_reviewer=True, is_active=True)
        self.fields["presession"].queryset = round_.presessions.select_related("review__state", "round")


class PendingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("No decision"))] + list(Application.Decision.choices),
    )
    version = forms.CharField(widget=forms.HiddenInput, max_length=100)


class ApplyDecisionsForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ExtendDeadlineForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("New closing time (Geneva time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("confirm", _("We confirm: our speaker will take part")), ("decline", _("We decline"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If you decline, why? (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
