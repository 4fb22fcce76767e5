"""The Moderatorer group's permissions open admin; the predicates decide each object."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from municipalities.models import MODERATORS_GROUP, Municipality
from municipalities.permissions import moderator_permission_codenames


def group_codenames():
    group = Group.objects.get(name=MODERATORS_GROUP)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_moderators_group_covers_every_model_of_the_hubs_apps():
    perms = group_codenames()

    for model in apps.get_app_config("municipalities").get_models():
        name = model._meta.model_name
        if name.startswith("historical"):
            continue
        assert ("municipalities", f"view_{name}") in perms
        if name == "accountdeletion":
            continue  # the hub writes these; moderators read them
        assert ("municipalities", f"change_{name}") in perms
    assert ("municipalities", "delete_membership") in perms
    assert ("municipalities", "delete_municipality") not in perms, "archive, never delete"
    assert ("municipalities", "add_user") not in perms, "people sign up themselves"
    assert ("auth", "change_group") not in perms
    assert ("municipalities", "add_accountdeletion") not in perms
    assert ("municipalities", "change_accountdeletion") not in perms


@pytest.mark.django_db
def test_migrate_puts_back_what_was_taken_from_the_group():
    group = Group.objects.get(name=MODERATORS_GROUP)
    group.permissions.clear()

    call_command("migrate", verbosity=0)

    assert group_codenames() == moderator_permission_codenames()


@pytest.mark.django_db
def test_group_permissions_open_admin_but_predicates_decide_each_object(moderator, member):
    municipality = Municipality.objects.get(slug="angelholm")

    assert moderator.has_perm("municipalities.change_municipality")
    assert moderator.has_perm("municipalities.change_municipality", municipality)
    assert not moderator.has_perm("municipalities.delete_municipality", municipality)
    assert not member.has_perm("municipalities.change_municipality", municipality)
