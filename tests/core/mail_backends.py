"""E-mail backends for tests: the locmem backend, preceded by scripted failures."""

from django.core.mail.backends.locmem import EmailBackend


class ScriptedBackend(EmailBackend):
    """Raises the queued exceptions, one per send, then behaves like locmem (``mail.outbox``)."""

    failures = []

    def send_messages(self, messages):
        if ScriptedBackend.failures:
            raise ScriptedBackend.failures.pop(0)
        return super().send_messages(messages)
