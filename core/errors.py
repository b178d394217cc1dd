"""One base for the errors a service raises when a business rule refuses an action.

The message is translated where it is raised (``gettext``), so views show it as it is
(``messages.error(request, str(error))`` or a form error) and never rewrite it.

``PermissionRefused`` is both: a ``DomainError`` (a view that catches those shows its message) and
Django's ``PermissionDenied`` (left uncaught, the request answers 403). Services raise it through
``core.rules.require`` when the acting user lacks a right, so no entry point skips the check.
"""

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)


class PermissionRefused(DomainError, PermissionDenied):  # noqa: N818 (what happened, as PermissionDenied)
    """The acting user lacks the right to do this."""
