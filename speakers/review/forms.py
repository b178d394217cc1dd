"""Forms of review (validation only; services do the writing)."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..organisations.models import Organisation


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
    """The reviewer types the organisation's name or acronym. Only parsed here: no list of organisations is
    shown and nothing says whether the text matches one (the names of organisations with speakers at
    risk must not leak); the service stores the matches for staff."""

    organisation = forms.CharField(label=_("Organisation (full name or acronym)"), max_length=200)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())


class DeclarationDecisionForm(forms.Form):
    """Staff confirm a declaration for some of its matching organisations, or dismiss it."""

    CONFIRM = "confirm"
    DISMISS = "dismiss"

    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations to record the conflict with"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    action = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (DISMISS, DISMISS)])

    def __init__(self, *args, declaration, **kwargs):
        super().__init__(*args, **kwargs)
        matches = declaration.matches.order_by("name", "pk")
        self.fields["organisations"].queryset = matches
        self.fields["organisations"].initial = [organisation.pk for organisation in matches]


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


class AssignmentFilterForm(forms.Form):
    """Filters of the staff's assignments page (GET)."""

    presession = forms.ModelChoiceField(
        label=_("Pre-session"), queryset=None, required=False, empty_label=_("All Pre-sessions of the round")
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), queryset=None, required=False, empty_label=_("All reviewers")
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presession"].queryset = round_.presessions.select_related(
            "review__state", "round"
        ).order_by("review__state__name_en")
        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(review_assignments__application__presession__round=round_)
            .distinct()
            .order_by("email")
        )
        self.fields["reviewer"].label_from_instance = lambda user: user.email

    def filters(self):
        if not self.is_valid():
            return {"presession": None, "reviewer": None}
        return {"presession": self.cleaned_data["presession"], "reviewer": self.cleaned_data["reviewer"]}


class RemoveAssignmentForm(forms.Form):
    confirm = forms.BooleanField(label=_("Remove even though the assessment is submitted"), required=False)


class ReviewCriterionForm(forms.Form):
    """A weighted criterion of a Round: names in the three languages, guidance, weight and scale."""

    name_en = forms.CharField(label=_("Name (English)"), max_length=150)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=150, required=False)
    name_es = forms.CharField(label=_("Name (Spanish)"), max_length=150, required=False)
    help_text_en = forms.CharField(
        label=_("Guidance for reviewers (English)"), max_length=400, required=False
    )
    help_text_fr = forms.CharField(label=_("Guidance for reviewers (French)"), max_length=400, required=False)
    help_text_es = forms.CharField(
        label=_("Guidance for reviewers (Spanish)"), max_length=400, required=False
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.1"),
        initial=Decimal("1.0"),
        help_text=_("A criterion of weight 2 counts twice as much as one of weight 1."),
    )
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=100, initial=0)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("scale_min"), cleaned.get("scale_max")
        if low is not None and high is not None and high <= low:
            self.add_error("scale_max", _("The highest score must be above the lowest score."))
        for name in ("name_en", "name_fr", "name_es", "help_text_en", "help_text_fr", "help_text_es"):
            if name in cleaned:
                cleaned[name] = " ".join(cleaned[name].split())
        return cleaned

    @classmethod
    def initial_from(cls, criterion):
        return {name: getattr(criterion, name) for name in cls.base_fields}
