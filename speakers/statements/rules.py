"""Who may see and write statements: the speaker's organisation and the secretariat; reviewers never."""

import rules

from core.rules import is_secretariat, is_signed_in
from speakers.applications.models import Application
from speakers.applications.rules import acts_for_application, is_at_risk

SPEAKING = (Application.Status.SELECTED, Application.Status.CONFIRMED)


@rules.predicate
def is_member_of_application(user, application):
    if application is None or not user.is_authenticated:
        return False
    return application.organisation.memberships.filter(user=user).exists()


@rules.predicate
def is_speaking(user, application):
    return application is not None and application.status in SPEAKING


@rules.predicate
def statement_is_editable(user, application):
    statement = getattr(application, "statement", None) if application is not None else None
    return statement is None or statement.is_editable


speaker = is_signed_in & is_member_of_application & is_speaking
# Writing and submitting follow the application: its creator (while a member) or an administrator.
speaker_acting = is_signed_in & is_speaking & acts_for_application

rules.add_perm("statements.list_own", is_signed_in)
rules.add_perm("statements.view_statement", speaker | is_secretariat)
# An at-risk speaker's file only to who handles the application (organisations/rules.py has the matrix).
rules.add_perm(
    "statements.download_statement_file",
    is_secretariat | (speaker & (~is_at_risk | acts_for_application)),
)
rules.add_perm("statements.write_statement", speaker_acting & statement_is_editable)
rules.add_perm("statements.submit_statement", speaker_acting & statement_is_editable)
rules.add_perm("statements.review_statements", is_secretariat)
