"""allauth's adapter: its mails go through the outbox, in the recipient's language, with links from SITE_URL.

Every allauth mail (e-mail verification, password reset, login code, security notices of MFA and
account changes) reaches ``send_mail``, which renders allauth's templates inside
``translation.override(<recipient's language>)`` and queues the result with ``core.mail.queue_mail``.

Links: allauth builds absolute URLs from the request (its Host header). The URLs it puts in mails are
built here from ``settings.SITE_URL`` instead, and as a second line of defence any absolute URL in a
mail's context that points at the request's host is rewritten onto ``SITE_URL``; ``current_site`` in
the templates is the site of ``SITE_URL`` too. A forged ``Host`` header never reaches a mail.

Secrets: mails with a verification or reset link or a sign-in code are queued ``sensitive``: staff
pages do not show their text and it is erased once sent (see ``NOTICES`` for the mails without one).

Idempotency: the key is a hash of the rendered mail (template, recipient, subject, bodies) and a time
window of ``OUTBOX_ACCOUNT_MAIL_DEDUP_SECONDS``. A double click that renders the same mail twice queues
one; a later request, or one that renders differently (a new code, a new reset token), sends again.
"""

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from core.mail import SITE_NAME, queue_mail
from core.models import Language, OutboundMail


@dataclass(frozen=True)
class SiteFromSettings:
    """Stands in for ``django.contrib.sites``' ``Site`` in allauth's mail templates."""

    name: str
    domain: str


def site_url(path):
    """An absolute URL on the configured site (never on the request's host)."""
    return settings.SITE_URL + path


def configured_site():
    return SiteFromSettings(name=SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    # --- URLs in mails --------------------------------------------------------------------------------
    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_account_already_exists_mail(self, email):
        context = {
            "signup_url": site_url(reverse("account_signup")),
            "password_reset_url": site_url(reverse("account_reset_password")),
        }
        self.send_mail("account/email/account_already_exists", email, context)

    # --- sign-up ---------------------------------------------------------------------------------------
    def is_open_for_signup(self, request):
        """Organisations sign up themselves; an operator can close sign-up with ``ACCOUNT_ALLOW_SIGNUP``."""
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)

    def login(self, request, user):
        """Sign in, and switch this request to the user's language (allauth's "signed in" message too)."""
        super().login(request, user)
        if user.language in Language.values:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language

    def save_user(self, request, user, form, commit=True):
        """Store the sign-up form's full name and language; everyone who signs up is an applicant.

        Without a language in the form, the account keeps the language it signed up in.
        """
        user = super().save_user(request, user, form, commit=False)
        data = getattr(form, "cleaned_data", {})
        user.full_name = data.get("full_name") or user.full_name
        chosen = data.get("language")
        active = (translation.get_language() or "")[:2]
        if chosen in Language.values:
            user.language = chosen
        elif active in Language.values:
            user.language = active
        user.is_applicant = True
        if commit:
            user.save()
        return user

    # --- sending: through the outbox -----------------------------------------------------------------
    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        language = recipient_language(email, context)
        values = {"email": email, **_urls_onto_site(context, request)}
        values.update({"current_site": configured_site(), "SITE_URL": settings.SITE_URL})
        if request is not None:
            values["request"] = request
        with translation.override(language):
            message = self.render_mail(template_prefix, email, values)
        html_body = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), ""
        )
        text_body = message.body
        if message.content_subtype == "html":
            html_body, text_body = message.body, strip_tags(message.body)
        return queue_account_mail(
            template_prefix=template_prefix,
            to=email,
            subject=message.subject,
            text_body=text_body,
            html_body=html_body,
            language=language,
        )


def recipient_language(email, context):
    """The recipient's preferred language; for an unknown address, the language of the page."""
    user = context.get("user")
    if user is None or not getattr(user, "language", ""):
        user = get_user_model().objects.filter(email__iexact=email).only("language").first()
    if user is not None and getattr(user, "language", "") in Language.values:
        return user.language
    active = (translation.get_language() or "")[:2]
    return active if active in Language.values else settings.LANGUAGE_CODE


def _urls_onto_site(context, request):
    """Move absolute URLs that point at the request's host onto SITE_URL."""
    if request is None:
        return dict(context)
    host = request.get_host()
    site = urlsplit(settings.SITE_URL)
    moved = {}
    for name, value in context.items():
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            parts = urlsplit(value)
            if parts.netloc == host:
                value = parts._replace(scheme=site.scheme, netloc=site.netloc).geturl()
        moved[name] = value
    return moved


# allauth mails that carry no secret. Every other one (verification and reset links, sign-in and reset
# codes, and any mail a later allauth adds) is "sensitive": hidden from staff, erased once sent.
NOTICES = frozenset(
    {
        "account_already_exists",
        "unknown_account",
        "password_changed",
        "password_set",
        "password_reset",
        "email_changed",
        "email_deleted",
        "totp_activated",
        "totp_deactivated",
        "recovery_codes_generated",
        "webauthn_added",
        "webauthn_removed",
    }
)


def queue_account_mail(*, template_prefix, to, subject, text_body, html_body, language):
    """Queue an allauth mail once per content and time window (a double click sends one mail)."""
    content = "\0".join([template_prefix, to.lower(), subject, text_body, html_body])
    digest = hashlib.sha256(content.encode()).hexdigest()[:40]
    window = settings.OUTBOX_ACCOUNT_MAIL_DEDUP_SECONDS
    bucket = int(time.time() // window)
    name = template_prefix.rsplit("/", 1)[-1]
    stem = f"account:{name}:{digest}:"
    recent = OutboundMail.objects.filter(
        idempotency_key=f"{stem}{bucket - 1}", created_at__gte=timezone.now() - timedelta(seconds=window)
    ).first()
    if recent is not None:
        return recent
    return queue_mail(
        to=to,
        subject=subject,
        text_body=text_body,
        html_body=html_body,
        language=language,
        idempotency_key=f"{stem}{bucket}",
        sensitive=name not in NOTICES,
    )
