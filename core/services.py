"""State changes on accounts: one function each (views, admin and commands call these)."""

from django.db import transaction

from .models import Language, User


@transaction.atomic
def update_profile(*, user: User, full_name: str, language: str) -> User:
    """Store a user's own profile fields."""
    if language not in Language.values:
        raise ValueError(f"Unsupported language: {language!r}")
    locked = User.objects.select_for_update().get(pk=user.pk)
    locked.full_name = full_name
    locked.language = language
    locked.save(update_fields=["full_name", "language"])
    user.full_name, user.language = full_name, language
    return locked


def set_preferred_language(*, user: User, language: str) -> bool:
    """Remember the language a signed-in user picked in the switcher. Returns whether it changed."""
    if language not in Language.values:
        raise ValueError(f"Unsupported language: {language!r}")
    if user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])  # through save() so the audit trail records it
    return True
