"""The secretariat's group: the Django model permissions that make Admin show staff their models.

``is_staff`` only lets a user into the admin; what they see there comes from model permissions. The
group ``Secretariat`` holds view/add/change on the models of the domain apps (no delete: records are
withdrawn or archived through the workflow, and the audit trail keeps what changed) and view on the
outbox. ``sync_staff_group`` (command ``manage.py sync_staff_group``, run by ``make data``) creates or
updates it; staff are put in it in the admin (the demo staff account is, by ``seed_demo``). Apps are
named by label, so core imports none of them.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

STAFF_GROUP = "Secretariat"
# app label → actions on every model of the app; (app label, model) → actions on that model only.
STAFF_PERMISSIONS = {
    "upr": ("view", "add", "change"),
    "presessions": ("view", "add", "change"),
    "speakers": ("view", "add", "change"),
    "embassies": ("view", "add", "change"),
    "briefs": ("view", "add", "change"),
    ("core", "outboundmail"): ("view",),
}


def _permission_filter():
    query = Q(pk__in=[])
    for key, actions in STAFF_PERMISSIONS.items():
        app_label, model = key if isinstance(key, tuple) else (key, None)
        scope = Q(content_type__app_label=app_label)
        if model:
            scope &= Q(content_type__model=model)
        codes = Q()
        for action in actions:
            codes |= Q(codename__startswith=f"{action}_")
        query |= scope & codes
    return query


def sync_staff_group():
    """Create or update the group with exactly the permissions above; returns ``(group, count)``."""
    for config in apps.get_app_configs():  # permissions of models migrated in this same run
        create_permissions(config, verbosity=0)
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    permissions = list(Permission.objects.filter(_permission_filter()))
    group.permissions.set(permissions)
    return group, len(permissions)
