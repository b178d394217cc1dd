"""Demo statements of the demo round's speakers, written through the real services.

Connected to ``speakers.demo.demo_seeded`` in ``SpeakersConfig.ready``; idempotent: an application that
already has a statement is left alone, so a second run creates nothing. The texts are fictional, like the
demo's organisations, and only use the reference data (the State under Review, its earlier
recommendations, the States that made them).

Each selected or confirmed application gets a statement if someone may write it (its creator while a
member, else an administrator of its organisation; else it is skipped), in the order of the panels, with
the statuses of ``PLAN``: approved by the demo staff user, submitted, changes requested, left in draft.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from upr.targeting import target_states

from ..applications.models import Application
from ..organisations.models import OrganisationMembership
from . import selectors, services
from .models import Statement, StatementEvent

Action = StatementEvent.Action
STAFF_EMAIL = "staff@demo.example.org"
# The review steps of the n-th statement (cycling): approved, submitted, changes requested, draft.
PLAN = [
    [Action.SUBMIT, Action.APPROVE],
    [Action.SUBMIT],
    [Action.SUBMIT, Action.APPROVE],
    [Action.SUBMIT, Action.REQUEST_CHANGES],
    [],
]
CHANGES_NOTE = (
    "Thank you. Please shorten the situation on the first issue (2 minutes in all) and name the law "
    "you want amended in your first recommendation."
)

# Per issue: what happened since the last review, and two SMART recommendations (action + time frame).
ISSUE_TEXTS = {
    "rights-of-the-child": (
        "Birth registration has improved in the capital, but our partners in rural districts report that "
        "one child in three is still not registered, and child marriage cases brought to court stay rare.",
        [
            "Adopt a free, mobile birth registration programme covering every district by December 2027.",
            "Amend the Civil Code to set 18 as the minimum age of marriage without exception by 2028.",
        ],
    ),
    "right-to-education": (
        "School fees were abolished on paper, yet families still pay for uniforms and exams; girls leave "
        "school early in the regions we monitor.",
        [
            "Allocate at least 15% of the national budget to education in each budget until 2030.",
            "Publish yearly data on school drop-out by sex and region before the next review.",
        ],
    ),
    "detention": (
        "Pre-trial detention remains the rule: in the facilities we visited, most detainees had waited "
        "more than a year for trial, often without access to a lawyer.",
        [
            "Establish a national preventive mechanism with unannounced access to all places of detention "
            "by June 2027.",
            "Ensure that every detainee sees a lawyer within 24 hours of arrest by the end of 2027.",
        ],
    ),
    "torture-and-other-cid-treatment": (
        "We documented new allegations of ill-treatment during interrogation; none has led to a "
        "prosecution so far.",
        [
            "Investigate every allegation of torture through an independent body within 6 months of "
            "the complaint.",
            "Ratify the Optional Protocol to the Convention against Torture by December 2027.",
        ],
    ),
    "womens-rights": (
        "A bill on domestic violence has been pending in Parliament for three years, and the few shelters "
        "that exist depend on foreign funding.",
        [
            "Adopt the bill on domestic violence, with protection orders, by December 2027.",
            "Fund at least one shelter for survivors of violence in each province by 2028.",
        ],
    ),
    "justice": (
        "Courts remain slow and far from rural communities; legal aid exists in law but is barely funded.",
        [
            "Allocate a dedicated legal aid budget, published each year, by the 2027 budget law.",
            "Establish mobile courts in the three most remote departments within 2 years.",
        ],
    ),
    "impunity": (
        "No one has been convicted for the killings documented in our submission, and families of victims "
        "report threats when they ask about the investigations.",
        [
            "Prosecute those responsible for the killings documented since the last review by 2028.",
            "Establish a victims' and witnesses' protection programme by December 2027.",
        ],
    ),
    "freedom-of-opinion-and-expression": (
        "Journalists and bloggers continue to be prosecuted under the cybercrime law for criticising "
        "officials; two radio stations were suspended last year.",
        [
            "Amend the cybercrime law to remove criminal defamation by December 2027.",
            "Release every journalist detained for their work within 3 months.",
        ],
    ),
    "human-rights-defenders": (
        "Defenders working on land and environmental rights face arrests and smear campaigns; a protection "
        "law was announced but not drafted.",
        [
            "Adopt a law on the protection of human rights defenders, drafted with them, by 2028.",
            "Investigate every attack on defenders reported since the last review within 12 months.",
        ],
    ),
}
GENERIC_TEXTS = (
    "Since the last review, our monitoring shows little change on {issue}: commitments were made but "
    "neither a budget nor a timetable followed.",
    [
        "Adopt a national action plan on {issue}, with a budget and indicators, by December 2027.",
        "Publish a public report on the implementation of the accepted recommendations on {issue} "
        "before the next review.",
    ],
)


def writer_for(application):
    """Who may write the statement: the creator while a member, else an administrator (or ``None``)."""
    candidates = []
    if application.created_by is not None:
        candidates.append(application.created_by)
    admins = OrganisationMembership.objects.filter(
        organisation=application.organisation, role=OrganisationMembership.Role.ADMIN
    ).select_related("user")
    candidates += [membership.user for membership in admins.order_by("pk")]
    return next(
        (user for user in candidates if user.has_perm("statements.write_statement", application)), None
    )


def _texts(issue):
    situation, recommendations = ISSUE_TEXTS.get(issue.slug, GENERIC_TEXTS)
    name = issue.name.lower()
    return situation.format(issue=name), [text.format(issue=name) for text in recommendations]


def _section_data(application, section):
    review = application.presession.review
    state = review.state
    issue_ids = [section.issue_id, *application.issues.values_list("pk", flat=True)]
    earlier = list(selectors.earlier_recommendations(review, [section.issue_id])[:2]) or list(
        selectors.earlier_recommendations(review, issue_ids)[:1]
    )
    situation, texts = _texts(section.issue)
    if earlier:
        follow_up = (
            f"{state.name} received the recommendation(s) selected here at its earlier reviews. We see "
            "partial implementation at best: a working group was set up, but it has not met since its "
            "launch and has published nothing."
        )
    else:
        follow_up = (
            f"At its last review, {state.name} committed to act on {section.issue.name.lower()}; we have not "
            "seen any measure taken since."
        )
    suggested = [target.state.pk for target in target_states(review, [section.issue_id], limit=3)]
    return {
        "followed_up": [recommendation.pk for recommendation in earlier],
        "follow_up": follow_up,
        "situation": situation,
        "questions": f"What budget has been allocated to {section.issue.name.lower()} since the last review?",
        "recommendations": [
            {"text": text, "issues": [section.issue_id], "states": suggested[index::2][:2]}
            for index, text in enumerate(texts)
        ],
    }


def _write(application, steps, *, writer, staff, now):
    statement = services.start_statement(application, actor=writer)
    state = application.presession.review.state
    organisation = application.organisation
    fields = {
        "introduction": (
            f"I am {application.speaker_name}, speaking for {organisation.name}, a fictional organisation "
            f"created for this demonstration. Our submission on {state.name} was prepared with partner "
            "groups in several regions."
        ),
        "consultations": (
            "We held three consultations (two in person, one online) with about forty community groups, "
            "women's associations and lawyers, and shared the draft with them before sending it."
        ),
        # The risk flag overrides every consent: a speaker at risk's statement is never published.
        "consent_publish_statement": not application.at_risk,
    }
    sections = {section.pk: _section_data(application, section) for section in statement.sections.all()}
    statement = services.save_statement(statement, actor=writer, fields=fields, sections=sections, now=now)
    for action in steps:
        actor = writer if action == Action.SUBMIT else staff
        note = CHANGES_NOTE if action == Action.REQUEST_CHANGES else ""
        statement = services.transition_statement(statement, action, actor=actor, note=note, now=now)
    return statement


def seed_statements(round_, now=None):
    """Statements of the round's speakers (see the module's docstring); returns the number created."""
    staff = get_user_model().objects.filter(email=STAFF_EMAIL).first()
    if staff is None:
        return 0
    now = now or timezone.now()
    deadline = round_.statement_deadline
    if deadline is not None and now > deadline:
        now = deadline - dt.timedelta(hours=1)  # a demo seeded after the deadline: written just before it
    speaking = (
        Application.objects.filter(presession__round=round_, status__in=selectors.SPEAKING)
        .select_related("organisation", "created_by", "presession__round", "presession__review__state")
        .order_by("presession__review__order", "pk")
    )
    created = 0
    index = 0
    for application in speaking:
        if Statement.objects.filter(application=application).exists():
            index += 1  # keeps the plan of the others on a second run
            continue
        writer = writer_for(application)
        if writer is None:
            continue  # nobody may write it (e.g. created by staff for an organisation without members)
        _write(application, PLAN[index % len(PLAN)], writer=writer, staff=staff, now=now)
        index += 1
        created += 1
    return created


def on_demo_seeded(sender, *, round, **kwargs):  # noqa: A002 (the signal's argument name)
    return seed_statements(round)
