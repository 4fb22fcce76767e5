"""The "Moderatorer" group's model permissions, kept in sync after every migrate.

Group permissions only open Django admin to moderators; the predicates in each app's
rules.py decide every object. Models added by later migrations are covered because this
runs after each one.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from municipalities.models import MODERATORS_GROUP

# The apps whose records moderators keep.
MODERATED_APPS = ("municipalities", "services", "pilots", "hub", "taggit")
# Rows that are links rather than entered content: removing one loses nothing.
DELETABLE_MODELS = {"municipalities.membership", "municipalities.emaildomain"}
# People sign up themselves; moderators may see and deactivate them, not create them.
USER_ACTIONS = ("view", "change")
CONTENT_ACTIONS = ("view", "add", "change")
# Written by a municipality's editors, reviewed by moderators: no "add" for moderators,
# or the group's permission would also open the portal's create form to them.
AUTHORED_MODELS = {"services.aiservice", "pilots.pilot"}
# Records the hub writes itself; moderators read them in admin and decide in the portal.
RECORD_MODELS = {"municipalities.accountdeletion"}


def moderator_permission_codenames(apps=global_apps):
    """(app_label, codename) pairs the group should hold for the installed models."""
    wanted = set()
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in MODERATED_APPS or meta.model_name.startswith("historical"):
            continue
        label = f"{meta.app_label}.{meta.model_name}"
        if label == "municipalities.user" or label in AUTHORED_MODELS:
            actions = USER_ACTIONS
        elif label in RECORD_MODELS:
            actions = ("view",)
        elif label in DELETABLE_MODELS:
            actions = (*CONTENT_ACTIONS, "delete")
        else:
            actions = CONTENT_ACTIONS
        wanted.update(
            (meta.app_label, f"{action}_{meta.model_name}")
            for action in actions
            if action in meta.default_permissions
        )
    return wanted


def sync_moderator_permissions(*, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    group, _created = Group.objects.using(using).get_or_create(name=MODERATORS_GROUP)
    wanted = moderator_permission_codenames(apps)
    apps_labels = {app for app, _codename in wanted}
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=apps_labels)
        .select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    group.permissions.set(permissions)
