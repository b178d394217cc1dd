"""The one access layer for views: every view is either ``@guard(...)``-ed or ``@public``.

``guard(perm)`` requires a signed-in user holding the django-rules permission ``perm`` (anonymous users
go to the login page). With ``get_object(request, **kwargs)`` the permission is checked on that object,
which the view then receives as ``obj``. ``gate`` is a permission without object checked first, so a
user without the role gets 403 before any look-up (a look-up answers 404 for what the user may not see).

``public`` marks a view an anonymous visitor may open (token pages, the public programme). Its URL name
must also be in ``core.public.PUBLIC_URL_NAMES``: the URL walk (``tests/core/test_url_permissions.py``)
proves both, and fails on a view that carries neither marker.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

GUARDED = "access_guarded"
PUBLIC = "access_public"


def guard(perm, *, get_object=None, gate=None):
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

        guarded = login_required(wrapped)
        setattr(guarded, GUARDED, perm)
        return guarded

    return decorator


def public(view):
    setattr(view, PUBLIC, True)
    return view


def access_of(view):
    """``"public"``, the guarding permission, or ``None`` for a view that carries no marker."""
    if getattr(view, PUBLIC, False):
        return "public"
    return getattr(view, GUARDED, None)
