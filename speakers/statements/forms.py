"""The statement editor: the statement's own fields and one form per section (parse only)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import DOCX, PDF, DocumentField

from .models import Statement
from .services import MAX_RECOMMENDATIONS


class StatementForm(forms.ModelForm):
    file = DocumentField(
        label=_("Full statement (PDF or DOCX)"),
        required=False,
        kinds=(PDF, DOCX),
        help_text=_("Optional: the full text as a document, for the team."),
    )

    class Meta:
        model = Statement
        fields = ["language", "introduction", "consultations", "consent_publish_statement"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "consultations": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "consent_publish_statement": _(
                "After the Pre-session the statement may appear on the public panel page. "
                "If you are at risk of reprisal it is never published, whatever you choose here."
            ),
        }

    def service_fields(self):
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        upload = self.cleaned_data.get("file")
        data["file"] = upload if upload else (False if upload is False else None)
        return data


def _recommendation_label(recommendation):
    states = ", ".join(link.state.name for link in recommendation.state_links.all())
    response = recommendation.get_response_display() or _("no response recorded")
    cycle = recommendation.review.session.cycle.number
    return _("Cycle %(cycle)s, %(paragraph)s — %(states)s: “%(text)s” (%(response)s)") % {
        "cycle": cycle,
        "paragraph": recommendation.paragraph or "—",
        "states": states or "—",
        "text": recommendation.text,
        "response": response,
    }


class SectionForm(forms.Form):
    """One issue: follow-up, situation, up to three SMART recommendations and questions."""

    follow_up = forms.CharField(
        label=_("Follow-up: what has the State done about these recommendations?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    situation = forms.CharField(
        label=_("The situation since the last review"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    questions = forms.CharField(
        label=_("Advance questions"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, section, earlier, suggested_states, issues, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.fields["followed_up"] = forms.MultipleChoiceField(
            label=_("Earlier recommendations you follow up"),
            choices=[(str(rec.pk), _recommendation_label(rec)) for rec in earlier],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        chosen_states = {
            state.pk: state for rec in section.recommendations.all() for state in rec.states.all()
        }
        states = {target.state.pk: target for target in suggested_states}
        state_choices = [
            (
                str(pk),
                _("%(state)s (%(count)s earlier recommendations)")
                % {"state": t.state.name, "count": t.recommendation_count},
            )
            for pk, t in states.items()
        ] + [(str(pk), state.name) for pk, state in chosen_states.items() if pk not in states]
        issue_choices = [(str(issue.pk), issue.name) for issue in issues]
        for number in range(1, MAX_RECOMMENDATIONS + 1):
            self.fields[f"rec_{number}_text"] = forms.CharField(
                label=_("Recommendation %(number)s") % {"number": number},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text=_(
                    "Specific, measurable, achievable, relevant and time-bound: start with an action "
                    "verb and give a time frame."
                ),
            )
            self.fields[f"rec_{number}_issues"] = forms.MultipleChoiceField(
                label=_("Issues of recommendation %(number)s") % {"number": number},
                choices=issue_choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.fields[f"rec_{number}_states"] = forms.MultipleChoiceField(
                label=_("States best placed to make recommendation %(number)s") % {"number": number},
                choices=state_choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=_("Suggested: the States that recommended to this State on the issue before."),
            )
        if not self.is_bound:
            self.initial.update(self._initial(section))

    @staticmethod
    def _initial(section):
        initial = {
            "follow_up": section.follow_up,
            "situation": section.situation,
            "questions": section.questions,
            "followed_up": [str(rec.pk) for rec in section.followed_up.all()],
        }
        for number, rec in enumerate(section.recommendations.all(), start=1):
            initial[f"rec_{number}_text"] = rec.text
            initial[f"rec_{number}_issues"] = [str(issue.pk) for issue in rec.issues.all()]
            initial[f"rec_{number}_states"] = [str(state.pk) for state in rec.states.all()]
        return initial

    def recommendation_fields(self):
        return [
            (self[f"rec_{n}_text"], self[f"rec_{n}_issues"], self[f"rec_{n}_states"])
            for n in range(1, MAX_RECOMMENDATIONS + 1)
        ]

    def service_data(self):
        data = self.cleaned_data
        return {
            "follow_up": data["follow_up"],
            "situation": data["situation"],
            "questions": data["questions"],
            "followed_up": [int(pk) for pk in data["followed_up"]],
            "recommendations": [
                {
                    "text": data[f"rec_{n}_text"],
                    "issues": [int(pk) for pk in data[f"rec_{n}_issues"]],
                    "states": [int(pk) for pk in data[f"rec_{n}_states"]],
                }
                for n in range(1, MAX_RECOMMENDATIONS + 1)
            ],
        }


class ReviewForm(forms.Form):
    """Staff: a comment, with one of the three buttons (comment, request changes, approve)."""

    note = forms.CharField(
        label=_("Comment for the speaker"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
