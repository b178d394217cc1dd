"""Changes of a brief: staff edit the summary, the contacts and the order of the statements."""

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError
from speakers.statements.models import Statement

from .models import Brief


def update_brief(presession, *, actor, summary, contacts, statement_order):
    """Save what staff write; ``statement_order`` lists statement ids of this panel, first first."""
    known = set(Statement.objects.filter(application__presession=presession).values_list("pk", flat=True))
    if not set(statement_order) <= known:
        raise DomainError(_("The order names a statement of another panel."))
    with transaction.atomic():
        brief, _created = Brief.objects.select_for_update().get_or_create(presession=presession)
        brief.summary = summary
        brief.contacts = contacts
        brief.statement_order = list(statement_order)
        brief._history_user = actor
        brief.save()
    return brief
