"""Public reads: only published panels, only consenting speakers, never one at risk."""

from dataclasses import dataclass

from briefs.compilation.models import Brief
from briefs.pdf.models import BriefDocument
from speakers.statements.models import Statement
from speakers.statements.selectors import with_content


@dataclass
class PublicStatement:
    speaker: str
    organisation: str
    statement: Statement


def published_brief(token):
    """The published brief of the panel with this public token, or ``None``."""
    return (
        Brief.objects.filter(presession__token=token, published_at__isnull=False)
        .select_related(
            "presession__round",
            "presession__review__state",
            "presession__review__session",
            "presession__room",
        )
        .first()
    )


def public_statements(presession):
    statements = with_content(
        Statement.objects.filter(
            application__presession=presession,
            status=Statement.Status.APPROVED,
            consent_publish_statement=True,
            application__at_risk=False,
        )
    ).select_related("application__slot")
    result = []
    for statement in statements:
        application = statement.application
        result.append(
            PublicStatement(
                speaker=application.speaker_name if application.consent_publish_name else "",
                organisation=application.organisation.name
                if application.consent_publish_organisation
                else "",
                statement=statement,
            )
        )
    return result


def public_documents(presession):
    return list(
        BriefDocument.objects.filter(
            presession=presession, kind=BriefDocument.Kind.BRIEF, status=BriefDocument.Status.DONE
        )
        .exclude(file="")
        .order_by("language")
    )


def published_briefs(round_):
    return (
        Brief.objects.filter(presession__round=round_, published_at__isnull=False)
        .select_related("presession__review__state", "presession__round")
        .order_by("-published_at", "pk")
    )
