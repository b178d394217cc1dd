"""The personal RSVP link ``/i/<token>/``: finding its invitation, binding it to a browser, throttling.

Every way a link can fail (unknown, revoked, withdrawn, expired, bound to another browser) gives the
same answer, so the page tells a guesser nothing. A link expires when its panel ends; answers close
when the panel starts. Forwarding: with ``allow_forwarding`` off, the first browser that opens the link
gets a random id in a signed cookie and the invitation keeps a hash of it; other browsers are refused.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from presessions.models import Presession

from .models import Invitation

BROWSER_COOKIE = "upr_rsvp_browser"
BROWSER_SALT = "embassies.rsvp.browser"
# A panel without an end time counts as ending this long after it starts.
DEFAULT_LENGTH = timedelta(hours=2)


def open_invitation(token, *, now=None):
    """The sent invitation of ``token`` while its link is valid, else ``None`` (for every reason)."""
    if not token or len(token) > 64:
        return None
    invitation = (
        Invitation.objects.select_related("presession__review__state", "presession__round", "mission__state")
        .select_related("presession__room")
        .filter(token=token, status=Invitation.Status.SENT)
        .exclude(presession__status=Presession.Status.CANCELLED)
        .first()
    )
    if invitation is None or link_expired(invitation.presession, now=now):
        return None
    return invitation


def panel_end(presession):
    if presession.ends_at:
        return presession.ends_at
    return presession.starts_at + DEFAULT_LENGTH if presession.starts_at else None


def link_expired(presession, *, now=None):
    end = panel_end(presession)
    return end is not None and (now or timezone.now()) >= end


def answers_open(presession, *, now=None):
    return presession.starts_at is None or (now or timezone.now()) < presession.starts_at


def browser_id(request):
    """The id in this browser's signed cookie, or ``None``."""
    return request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_SALT)


def new_browser_id():
    return secrets.token_urlsafe(24)


def browser_hash(value):
    return hashlib.sha256(value.encode()).hexdigest() if value else ""


def set_browser_cookie(response, value):
    response.set_signed_cookie(
        BROWSER_COOKIE,
        value,
        salt=BROWSER_SALT,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        path="/i/",
    )


def throttled(request, *, scope="rsvp"):
    """True when this client address made more than ``RSVP_RATE_LIMIT`` requests in the current minute."""
    window = int(time.time() // 60)
    key = f"throttle:{scope}:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > settings.RSVP_RATE_LIMIT
