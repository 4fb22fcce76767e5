"""Demo data for a local hub: one person per role, with the password printed by `make run`,
a catalogue of AI services across the eleven municipalities (see _demo_services.py),
AI pilots with their project leads, updates and effects (see _demo_pilots.py), and the
people directory's profiles (see _demo_people.py)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hub.management.commands._demo_people import seed_people
from hub.management.commands._demo_pilots import seed_pilots
from hub.management.commands._demo_services import seed_services
from municipalities.models import MODERATORS_GROUP, Membership, Municipality, Profile, User

DEMO_PASSWORD = "demo"

# email, name, title, department, municipality slug, role, moderator, superuser
DEMO_USERS = [
    (
        "medlem@engelholm.se",
        "Maria Lindqvist",
        "Lärare",
        "Lärande och familj",
        "angelholm",
        Membership.Role.MEMBER,
        False,
        False,
    ),
    (
        "redaktor@engelholm.se",
        "Erik Johansson",
        "Digitaliseringsstrateg",
        "Lärande och familj",
        "angelholm",
        Membership.Role.EDITOR,
        False,
        False,
    ),
    (
        "admin@engelholm.se",
        "Anna Berg",
        "Utvecklingschef",
        "Lärande och familj",
        "angelholm",
        Membership.Role.ADMIN,
        False,
        False,
    ),
    (
        "redaktor@landskrona.se",
        "Leila Haddad",
        "Verksamhetsutvecklare",
        "Stadsledningsförvaltningen",
        "landskrona",
        Membership.Role.EDITOR,
        False,
        False,
    ),
    (
        "moderator@helsingborg.se",
        "Mona Nilsson",
        "Samordnare för AI-hubben",
        "Stadsledningsförvaltningen",
        "helsingborg",
        Membership.Role.MEMBER,
        True,
        False,
    ),
    (
        "drift@helsingborg.se",
        "Driftansvarig",
        "Systemförvaltare",
        "IT-avdelningen",
        "helsingborg",
        Membership.Role.MEMBER,
        False,
        True,
    ),
]


class Command(BaseCommand):
    help = (
        "Create the demo users, AI services and AI pilots (idempotent). "
        "Refuses to run with DEBUG off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Demo users have a known password; "
                "pass --force if you really want them here."
            )
        moderators, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
        for email, name, title, department, slug, role, moderator, superuser in DEMO_USERS:
            user, _created = User.objects.get_or_create(email=email)
            user.set_password(DEMO_PASSWORD)
            user.is_active = True
            user.is_staff = moderator or superuser
            user.is_superuser = superuser
            user.save()
            if moderator:
                user.groups.add(moderators)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            Profile.objects.update_or_create(
                user=user,
                defaults={"display_name": name, "title": title, "department": department},
            )
            Membership.objects.update_or_create(
                user=user,
                municipality=Municipality.objects.get(slug=slug),
                defaults={"role": role},
            )
        services, created = seed_services()
        pilots, pilots_created = seed_pilots(DEMO_PASSWORD)
        listed = seed_people()
        self.stdout.write(self.style.SUCCESS(demo_logins()))
        self.stdout.write(f"Demo AI services: {services} ({created} new).")
        self.stdout.write(f"Demo AI pilots: {pilots} ({pilots_created} new).")
        self.stdout.write(f"People listed in the directory: {listed}.")


def demo_logins() -> str:
    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    for email, _name, _title, _dep, slug, role, moderator, superuser in DEMO_USERS:
        what = "superuser" if superuser else "moderator" if moderator else f"{role} ({slug})"
        mfa = (
            "  [two-factor login is set up at first login]"
            if (superuser or moderator or role == Membership.Role.ADMIN)
            else ""
        )
        lines.append(f"  {email:<28} {what}{mfa}")
    lines.append(f"  {'projektledare@<domain>':<28} project lead, e.g. projektledare@svalov.se")
    return "\n".join(lines)
