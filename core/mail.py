"""PLACEHOLDER until branch ``outbox`` is merged: on a merge conflict, take the outbox's version.

Same interface as the outbox (``queue_mail``, ``queue_templated_mail``); this stand-in renders the
templates in the recipient's language and sends with Django's mail after commit, with no outbox row.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

_sent_keys = set()


def queue_mail(*, to, subject, text_body, html_body="", language="en", idempotency_key, attachments=()):
    subject = " ".join(str(subject).split())

    def send():
        if idempotency_key in _sent_keys:
            return
        _sent_keys.add(idempotency_key)
        message = EmailMultiAlternatives(subject, text_body, settings.DEFAULT_FROM_EMAIL, [to])
        if html_body:
            message.attach_alternative(html_body, "text/html")
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        message.send()

    transaction.on_commit(send)


def queue_templated_mail(*, to, template_prefix, context, language="en", idempotency_key, attachments=()):
    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        text_body = render_to_string(f"{template_prefix}_message.txt", context)
        try:
            html_body = render_to_string(f"{template_prefix}_message.html", context)
        except TemplateDoesNotExist:
            html_body = ""
    return queue_mail(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        language=language,
        idempotency_key=idempotency_key,
        attachments=attachments,
    )
