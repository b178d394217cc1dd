"""Names people type (their own, their organisation's) are shown in mails and pages: no links in them.

An organisation called "Reset your password here: https://evil.example/reset" would turn invitation
mails into a phishing relay. ``refuse_links`` (a form-field validator) refuses a scheme (``https://``),
``www.``, an e-mail address, or a host name (``evil.example``); "U.S. Coalition" and "St. Mary's" pass.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_LINK = re.compile(r"[a-z][a-z0-9+.-]*://|\bwww\.|@|\b[a-z0-9-]{2,}\.[a-z]{2,}\b", re.IGNORECASE)


def refuse_links(value):
    if value and _LINK.search(value):
        raise ValidationError(_("A name cannot contain a web or e-mail address."), code="link_in_name")
