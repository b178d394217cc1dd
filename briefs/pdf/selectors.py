"""Reads of brief documents."""

from .models import BriefDocument


def round_documents(round_):
    return list(
        BriefDocument.objects.filter(round=round_)
        .select_related("presession__review__state")
        .order_by("kind", "presession__review__state__name_en", "language")
    )


def panel_documents(presession):
    return list(BriefDocument.objects.filter(presession=presession).order_by("kind", "language"))


def document_by_token(token):
    return (
        BriefDocument.objects.select_related("round", "presession__review__state").filter(token=token).first()
    )
