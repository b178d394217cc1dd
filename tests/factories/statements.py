"""Factories for statements: a speaking application with earlier recommendations, and full statements."""

from types import SimpleNamespace

from speakers.models import Application
from speakers.statements import services
from tests.factories.presessions import IssueFactory, PresessionFactory
from tests.factories.speakers import ApplicationFactory, OrganisationFactory, applicant_for
from tests.factories.upr import RecommendationFactory, ReviewFactory, StateFactory, WorkingGroupSessionFactory

SMART = "Ratify the Optional Protocol by 2028."
SMART_2 = "Adopt a law on the protection of defenders within two years."


def speaker_setup(
    *, presession=None, status=Application.Status.CONFIRMED, at_risk=False, name=None, **kwargs
):
    """A speaking application (with its applicant) on a panel whose SuR has an earlier recommendation."""
    presession = presession or PresessionFactory()
    issue = IssueFactory()
    organisation = OrganisationFactory()
    applicant = applicant_for(organisation)
    application = ApplicationFactory(
        presession=presession,
        organisation=organisation,
        status=status,
        issues=[issue],
        at_risk=at_risk,
        created_by=applicant,
        **({"speaker_name": name} if name else {}),
        **kwargs,
    )
    earlier_review = ReviewFactory(
        session=WorkingGroupSessionFactory(number=30), state=presession.review.state
    )
    recommender = StateFactory(name_en="Recommending Land")
    earlier = RecommendationFactory(
        review=earlier_review,
        text=f"Ratify the Optional Protocol on {issue.slug}.",
        issues=[issue],
        states=[recommender],
    )
    return SimpleNamespace(
        presession=presession,
        issue=issue,
        organisation=organisation,
        applicant=applicant,
        application=application,
        earlier=earlier,
        recommender=recommender,
    )


def write_statement(setup, *, introduction="We are a national coalition of 12 organisations.", texts=None):
    """Start and fill the statement of ``setup`` (not submitted)."""
    statement = services.start_statement(setup.application, actor=setup.applicant)
    section = statement.sections.get()
    services.save_statement(
        statement,
        actor=setup.applicant,
        fields={"introduction": introduction, "consultations": "Consultations in three regions."},
        sections={
            section.pk: {
                "follow_up": "Nothing was done.",
                "situation": "Defenders are still arrested.",
                "questions": "When will the law pass?",
                "followed_up": [setup.earlier.pk],
                "recommendations": [
                    {"text": text, "issues": [setup.issue.pk], "states": [setup.recommender.pk]}
                    for text in (texts or [SMART, SMART_2])
                ],
            }
        },
    )
    statement.refresh_from_db()
    return statement


def approved_statement(setup, staff, **kwargs):
    statement = write_statement(setup, **kwargs)
    statement = services.transition_statement(statement, "submit", actor=setup.applicant)
    return services.transition_statement(statement, "approve", actor=staff)
