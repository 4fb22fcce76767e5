import pytest
from django.core.management import CommandError, call_command

from hub.management.commands._demo_pilots import PROJECT_LEADS
from hub.management.commands.seed_demo import DEMO_USERS
from municipalities.models import Membership, User

# One person per role, and a project lead in each municipality without a demo user.
DEMO_USER_COUNT = len(DEMO_USERS) + len(PROJECT_LEADS)


@pytest.mark.django_db
def test_seed_demo_creates_one_person_per_role_and_can_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)

    assert User.objects.count() == DEMO_USER_COUNT
    editor = User.objects.get(email="redaktor@engelholm.se")
    assert editor.check_password("demo")
    assert editor.memberships.get().role == Membership.Role.EDITOR
    assert User.objects.get(email="moderator@helsingborg.se").is_moderator
    assert User.objects.get(email="drift@helsingborg.se").is_superuser
    assert User.objects.get(email="admin@engelholm.se").requires_mfa


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()

    call_command("seed_demo", "--force", verbosity=0)
    assert User.objects.count() == DEMO_USER_COUNT
