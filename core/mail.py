"""Queueing outgoing mail: the only way the application sends e-mail.

Every mail becomes an ``OutboundMail`` row first; the send is queued with ``transaction.on_commit``
(a rolled-back transaction sends nothing) and delivered by ``core.outbox.deliver_mail`` in a worker.
The same idempotency key never sends twice: queueing it again returns the existing row.

    queue_mail(to="a@b.org", subject="...", text_body="...", language="fr",
               idempotency_key="application-submitted:42",
               attachments=[("invite.ics", data, "text/calendar")])
    queue_templated_mail(to=..., template_prefix="speakers/email/application_submitted", context={...},
                         language=user.language, idempotency_key="...")

Templates: ``<prefix>_subject.txt`` and ``<prefix>_message.txt`` are rendered without HTML escaping
(they are plain text); ``<prefix>_message.html`` (optional) is rendered with autoescaping, so user text
in HTML mails is escaped. ``SITE_URL`` and ``SITE_NAME`` are in the context: build absolute links from
``SITE_URL``, never from a request.
"""

import hashlib
import re
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from core.models import Language, OutboundMail, OutboundMailAttachment
from core.outbox import enqueue_delivery

SITE_NAME = "UPR Pre-sessions"
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_WHITESPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_subject(subject):
    """One line of text: line breaks (CR, LF and the Unicode separators) become spaces."""
    subject = _LINE_BREAKS.sub(" ", str(subject))
    subject = _CONTROL.sub("", subject)
    subject = _WHITESPACE.sub(" ", subject).strip()
    if not subject:
        raise ValueError("A mail needs a subject.")
    return subject[:998]


def one_line(text):
    """User text that may reach a mail header: no CR/LF, no runs of blanks."""
    return " ".join(str(text).split())


def clean_address(address):
    """A single, valid e-mail address; anything that could smuggle a header is refused."""
    if isinstance(address, list | tuple):
        if len(address) != 1:
            raise ValueError("One recipient per mail: queue one mail per recipient.")
        address = address[0]
    address = str(address).strip()
    if _LINE_BREAKS.search(address) or _CONTROL.search(address) or "," in address:
        raise ValueError(f"Not a single e-mail address: {address!r}")
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"Not a valid e-mail address: {address!r}") from None
    return address


def clean_language(language):
    code = str(language or "").lower()[:2]
    if code not in Language.values:
        raise ValueError(f"Unsupported mail language: {language!r}")
    return code


def clean_attachment(filename, content, mimetype):
    filename = _CONTROL.sub("", _LINE_BREAKS.sub(" ", str(filename))).replace("/", "_").replace("\\", "_")
    filename = filename.strip().lstrip(".") or "attachment"
    if "/" not in mimetype or _LINE_BREAKS.search(mimetype):
        raise ValueError(f"Not a MIME type: {mimetype!r}")
    if isinstance(content, str):
        content = content.encode()
    return OutboundMailAttachment(
        filename=filename[:255], mimetype=mimetype, content=bytes(content), size=len(content)
    )


def message_id_for(idempotency_key):
    """A stable ``Message-ID`` for the key: every attempt of one mail carries the same one."""
    digest = hashlib.sha256(idempotency_key.encode()).hexdigest()[:40]
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{digest}.outbox@{domain}>"


def queue_mail(
    *,
    to,
    subject,
    text_body,
    html_body="",
    language="en",
    idempotency_key,
    attachments=(),
    reply_to=None,
    sensitive=False,
):
    """Store one mail and queue its delivery after the current transaction commits.

    Returns the ``OutboundMail`` row; with a key that exists already, the existing row, unchanged.
    Raises ``ValueError`` for a bad address, an empty subject or key, or oversized attachments.
    ``sensitive=True`` for a mail whose body signs someone in (reset links, codes): staff pages do not
    show its text, and the text is erased once the mail is sent.
    """
    key = str(idempotency_key or "").strip()
    if not key or len(key) > 255:
        raise ValueError("An idempotency key of 1 to 255 characters is required.")
    existing = OutboundMail.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    files = [clean_attachment(*attachment) for attachment in attachments]
    if sum(f.size for f in files) > settings.OUTBOX_MAX_ATTACHMENT_BYTES:
        raise ValueError("The attachments are larger than OUTBOX_MAX_ATTACHMENT_BYTES.")
    now = timezone.now()
    mail = OutboundMail(
        idempotency_key=key,
        message_id=message_id_for(key),
        recipient=clean_address(to),
        reply_to=clean_address(reply_to) if reply_to else "",
        from_email=settings.DEFAULT_FROM_EMAIL,
        language=clean_language(language),
        subject=clean_subject(subject),
        text_body=str(text_body),
        html_body=str(html_body or ""),
        sensitive=bool(sensitive),
        next_attempt_at=now,
        enqueued_at=now,
        created_at=now,
        updated_at=now,
    )
    try:
        with transaction.atomic():
            mail.save(force_insert=True)
            for file in files:
                file.mail = mail
            OutboundMailAttachment.objects.bulk_create(files)
    except IntegrityError:
        # Another transaction queued the same key first: that row is the mail.
        existing = OutboundMail.objects.filter(idempotency_key=key).first()
        if existing is None:
            raise
        return existing
    transaction.on_commit(partial(enqueue_delivery, mail.pk))
    return mail


def render_mail_templates(template_prefix, context, language):
    """Render ``(subject, text_body, html_body)`` for ``template_prefix`` in ``language``."""
    with translation.override(language):
        values = {"SITE_URL": settings.SITE_URL, "SITE_NAME": SITE_NAME, "LANGUAGE_CODE": language}
        values.update(context)
        subject = _render(f"{template_prefix}_subject.txt", values, autoescape=False)
        text_body = _render(f"{template_prefix}_message.txt", values, autoescape=False)
        try:
            html_body = _render(f"{template_prefix}_message.html", values, autoescape=True)
        except TemplateDoesNotExist:
            html_body = ""
    return clean_subject(subject), text_body.strip() + "\n", html_body.strip()


def _render(template_name, values, *, autoescape):
    template = get_template(template_name)
    return template.template.render(Context(values, autoescape=autoescape))


def queue_templated_mail(
    *, to, template_prefix, context, language, idempotency_key, attachments=(), sensitive=False
):
    """Render the mail templates in the recipient's language and queue the mail (see ``queue_mail``)."""
    key = str(idempotency_key or "").strip()
    existing = OutboundMail.objects.filter(idempotency_key=key).first() if key else None
    if existing is not None:
        return existing
    language = clean_language(language)
    subject, text_body, html_body = render_mail_templates(template_prefix, context, language)
    return queue_mail(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        language=language,
        idempotency_key=key,
        attachments=attachments,
        sensitive=sensitive,
    )


def queue_mails(mails):
    """Queue many mails at once: the same rules as ``queue_mail``, a constant number of queries.

    ``mails`` is a list of dicts with ``queue_mail``'s keyword arguments. Keys that exist already are
    skipped (their rows are returned as they are). Returns the ``OutboundMail`` rows, in input order.
    Call it inside the transaction that records what the mails announce, as for ``queue_mail``.
    """
    specs = []
    for spec in mails:
        key = str(spec.get("idempotency_key") or "").strip()
        if not key or len(key) > 255:
            raise ValueError("An idempotency key of 1 to 255 characters is required.")
        specs.append({**spec, "idempotency_key": key})
    keys = [spec["idempotency_key"] for spec in specs]
    if len(set(keys)) != len(keys):
        raise ValueError("The same idempotency key appears twice in one batch.")
    existing = OutboundMail.objects.in_bulk(keys, field_name="idempotency_key")
    now = timezone.now()
    new, files = [], []
    for spec in specs:
        if spec["idempotency_key"] in existing:
            continue
        mail, attachments = _outbound_mail(spec, now)
        new.append(mail)
        files.append(attachments)
    with transaction.atomic():
        new = bulk_create_with_history(new, OutboundMail)
        for mail, attachments in zip(new, files, strict=True):
            for file in attachments:
                file.mail = mail
        OutboundMailAttachment.objects.bulk_create([file for group in files for file in group])
    ids = [mail.pk for mail in new]
    if ids:
        from core.outbox import enqueue_delivery

        transaction.on_commit(lambda: [enqueue_delivery(mail_id) for mail_id in ids])
    created = {mail.idempotency_key: mail for mail in new}
    return [existing.get(key) or created[key] for key in keys]


def _outbound_mail(spec, now):
    files = [clean_attachment(*attachment) for attachment in spec.get("attachments", ())]
    if sum(f.size for f in files) > settings.OUTBOX_MAX_ATTACHMENT_BYTES:
        raise ValueError("The attachments are larger than OUTBOX_MAX_ATTACHMENT_BYTES.")
    key = spec["idempotency_key"]
    mail = OutboundMail(
        idempotency_key=key,
        message_id=message_id_for(key),
        recipient=clean_address(spec["to"]),
        reply_to=clean_address(spec["reply_to"]) if spec.get("reply_to") else "",
        from_email=settings.DEFAULT_FROM_EMAIL,
        language=clean_language(spec.get("language", "en")),
        subject=clean_subject(spec["subject"]),
        text_body=str(spec["text_body"]),
        html_body=str(spec.get("html_body") or ""),
        sensitive=bool(spec.get("sensitive", False)),
        next_attempt_at=now,
        enqueued_at=now,
        created_at=now,
        updated_at=now,
    )
    return mail, files
