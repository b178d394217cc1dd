"""View decorators: sign-in first (anonymous users go to the login page), then a django-rules permission."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from . import rules_review  # noqa: F401  (registers the permissions this module checks)


def permission(perm, get_object=None, gate=None):
    """Require a signed-in user holding ``perm`` (on the object ``get_object(request, **kwargs)``).

    ``gate``: a permission without object checked first, so a user without the role gets 403 before
    any object look-up (which answers 404 for what the user may not see).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if gate is not None and not request.user.has_perm(gate):
                raise PermissionDenied
            obj = get_object(request, **kwargs) if get_object is not None else None
            if not request.user.has_perm(perm, obj):
                raise PermissionDenied
            if obj is not None:
                kwargs["obj"] = obj
            return view(request, *args, **kwargs)

        return login_required(wrapped)

    return decorator
