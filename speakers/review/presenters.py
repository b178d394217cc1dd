"""What a reviewer is shown of an application: identity masked when the speaker is at risk.

The masking happens here, in Python, so no template can leak a hidden name by mistake.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

HIDDEN = _("Hidden: the speaker is at risk of reprisal")


@dataclass(frozen=True)
class ReviewerView:
    pk: int
    application: object
    identity_hidden: bool
    organisation_name: str
    organisation_acronym: str
    organisation_website: str
    organisation_aims: str
    speaker_name: str
    speaker_position: str
    speaker_email: str
    speaker_phone: str
    assessment: object

    @property
    def state(self):
        return self.application.presession.review.state

    @property
    def issues(self):
        return self.application.issues.all()


def reviewer_view(application):
    """Build the reviewer's view; ``application.mine`` holds the reviewer's assessment (prefetched)."""
    mine = getattr(application, "mine", None) or []
    hidden = application.at_risk
    organisation = application.organisation

    def masked(value):
        return HIDDEN if hidden else value

    return ReviewerView(
        pk=application.pk,
        application=application,
        identity_hidden=hidden,
        organisation_name=masked(organisation.name),
        organisation_acronym="" if hidden else organisation.acronym,
        organisation_website="" if hidden else organisation.website,
        organisation_aims=masked(organisation.aims),
        speaker_name=masked(application.speaker_name),
        speaker_position="" if hidden else application.speaker_position,
        speaker_email="" if hidden else application.speaker_email,
        speaker_phone="" if hidden else application.speaker_phone,
        assessment=mine[0] if mine else None,
    )
