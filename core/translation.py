"""Reference data carries its names in EN/FR/ES columns; this picks the one for the active language."""

from django.utils import translation

SUPPORTED = ("en", "fr", "es")


def localized(obj, field="name"):
    """Return ``obj.<field>_<lang>`` for the active language, falling back to English."""
    lang = (translation.get_language() or "en")[:2]
    if lang not in SUPPORTED:
        lang = "en"
    return getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_en", "")
