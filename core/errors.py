"""One base for the errors a service raises when a business rule refuses an action.

The message is translated where it is raised (``gettext``), so views show it as it is
(``messages.error(request, str(error))`` or a form error) and never rewrite it.
"""


class DomainError(Exception):
    def __init__(self, message, *, code=None):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)
