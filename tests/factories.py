import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group
from django.utils import timezone
from faker import Faker

from municipalities.models import (
    MODERATORS_GROUP,
    Area,
    EmailDomain,
    Membership,
    Municipality,
    Profile,
    User,
)

fake = Faker("sv_SE")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """Looks the municipality up by slug first: the data migration has usually made it.

    Tests with a live server flush the database between tests, so the factory also
    recreates it, with its e-mail domain, when it is gone.
    """

    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")
    code = factory.Sequence(lambda n: f"{9000 + n}")
    active = True

    @factory.post_generation
    def domain(obj, create, extracted, **kwargs):
        if create and extracted:
            EmailDomain.objects.get_or_create(domain=extracted, defaults={"municipality": obj})


def municipality(slug):
    known = {
        "angelholm": ("Ängelholm", "1292", "engelholm.se"),
        "landskrona": ("Landskrona", "1282", "landskrona.se"),
        "helsingborg": ("Helsingborg", "1283", "helsingborg.se"),
    }
    name, code, domain = known[slug]
    return MunicipalityFactory(slug=slug, name=name, code=code, domain=domain)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Område {n}")
    slug = factory.Sequence(lambda n: f"omrade-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@engelholm.se")
    password = factory.django.Password("korrekt-häst-batteri")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if create:
            Profile.objects.get_or_create(
                user=obj, defaults={"display_name": extracted or fake.name()}
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: municipality("angelholm"))
    role = Membership.Role.MEMBER


def member_of(slug, role=Membership.Role.MEMBER, email=None, **user_kwargs):
    user = UserFactory(email=email, **user_kwargs) if email else UserFactory(**user_kwargs)
    MembershipFactory(user=user, municipality=municipality(slug), role=role)
    return user


def with_totp(user):
    """Give a user the authenticator those who must use two-factor login have."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user


def make_moderator(user):
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    user.groups.add(group)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def totp_code(secret):
    """The code an authenticator app shows now, not one about to expire (no tolerance)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = 30
    if time.time() % period > period - 5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


class ServiceFactory(factory.django.DjangoModelFactory):
    """A published service of Ängelholm unless told otherwise, with every legal field set."""

    class Meta:
        model = "services.AIService"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tjänst {n}")
    slug = factory.Sequence(lambda n: f"tjanst-{n}")
    summary = "Hjälper handläggare att skriva utkast till beslut."
    description = "Tjänsten **sparar tid**."
    owner = factory.LazyFunction(lambda: municipality("angelholm"))
    technique = "language_model"
    lifecycle = "production"
    hosting = "eu"
    supplier_jurisdiction = "usa"
    personal_data = "none"
    pub_agreement = "not_needed"
    dpia = "not_needed"
    risk_class = "minimal"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.set(extracted or [Area.objects.order_by("position").first() or AreaFactory()])


class PilotFactory(factory.django.DjangoModelFactory):
    """A published pilot of Ängelholm unless told otherwise, with every required field set."""

    class Meta:
        model = "pilots.Pilot"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Pilot {n}")
    slug = factory.Sequence(lambda n: f"pilot-{n}")
    summary = "Prövar ett nytt arbetssätt i en förvaltning."
    lead_municipality = factory.LazyFunction(lambda: municipality("angelholm"))
    technique = "speech"
    phase = "ongoing"
    personal_data = "none"
    pub_agreement = "not_needed"
    dpia = "not_needed"
    risk_class = "minimal"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def areas(obj, create, extracted, **kwargs):
        if create:
            obj.areas.set(extracted or [Area.objects.order_by("position").first() or AreaFactory()])
