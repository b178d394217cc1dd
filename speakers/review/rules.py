"""Permissions of review (django-rules predicates named like questions).

The conflict rule is enforced here, in the selectors and in the services: a reviewer never sees or
scores an application of an organisation they belong to (including as a coalition member) or has a
conflict of interest with (recorded by staff, e.g. when they confirm the reviewer's declaration; a
declaration alone changes nothing the reviewer can see).
"""

import rules

from core.rules import is_reviewer, is_secretariat

from .selectors import has_conflict


@rules.predicate
def is_conflicted(user, application):
    if application is None:
        return False
    return has_conflict(user, application)


@rules.predicate
def is_assigned_reviewer(user, application):
    if application is None:
        return False
    return application.reviewer_assignments.filter(reviewer_id=user.pk).exists()


@rules.predicate
def is_reviewable(user, application):
    if application is None:
        return False
    return application.status == application.Status.SUBMITTED


can_read_assigned_application = is_reviewer & is_assigned_reviewer & ~is_conflicted

rules.add_perm("speakers.view_my_reviews", is_reviewer)
rules.add_perm("speakers.view_review_application", can_read_assigned_application)
rules.add_perm("speakers.assess_application", can_read_assigned_application & is_reviewable)
rules.add_perm("speakers.declare_conflict", is_reviewer)
rules.add_perm("speakers.manage_review_criteria", is_secretariat)
rules.add_perm("speakers.manage_reviewer_assignments", is_secretariat)
rules.add_perm("speakers.decide_conflict_declarations", is_secretariat)
