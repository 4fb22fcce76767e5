"""A realistic data set for the benchmark, written with bulk inserts.

Scaling is additive: `grow_to(n)` adds services (and pilots, updates, effects, people,
adoptions in proportion) until there are `n` generated services, so one run measures
1,000, then 10,000, then 100,000 without starting over. Text is Faker's sv_SE with the
hub's own domain vocabulary mixed in, so that search words occur as they would.
"""

import datetime
import random
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from faker import Faker
from taggit.models import Tag, TaggedItem

from hub import search_index
from municipalities.models import (
    Area,
    Competence,
    EmailDomain,
    Membership,
    Municipality,
    Profile,
    User,
)
from pilots.models import Effect, Pilot, PilotUpdate
from services.models import Adoption, AIService

PREFIX = "bench"
BATCH = 2000
MUNICIPALITIES = 290  # every municipality in Sweden
RARE_WORD = "kvantdatorpilot"  # in about one service in ten thousand
COMMON_WORD = "språkmodell"

SUBJECTS = [
    "taligenkänning",
    "bildanalys",
    "språkmodell",
    "chattbot",
    "textigenkänning",
    "prognosmodell",
    "beslutsstöd",
    "översättning",
    "sammanfattning",
    "klassificering",
    "transkribering",
    "ruttplanering",
    "dokumenthantering",
    "journalföring",
    "diarieföring",
]
PLACES = [
    "hemtjänsten",
    "socialtjänsten",
    "skolan",
    "förskolan",
    "bygglovshandläggningen",
    "kontaktcenter",
    "äldreomsorgen",
    "vuxenutbildningen",
    "biblioteket",
    "ekonomiavdelningen",
    "HR-avdelningen",
    "överförmyndaren",
    "miljöförvaltningen",
    "gatuförvaltningen",
    "kulturförvaltningen",
    "försörjningsstödet",
    "arbetsmarknadsenheten",
    "räddningstjänsten",
]
TAGS = [
    *SUBJECTS, "gdpr", "ai-förordningen", "upphandling", "copilot", "gemini", "whisper",
    "öppen källkod", "molntjänst", "egen drift", "pilot", "effekthemtagning", "tillgänglighet",
    "klarspråk", "automatisering", "rpa", "e-tjänst", "chatgpt", "azure", "statistik",
]  # fmt: skip
SV_WORDS = [
    "handläggare",
    "invånare",
    "medarbetare",
    "ärenden",
    "beslut",
    "underlag",
    "tid",
    "kvalitet",
    "rättssäkerhet",
    "dokumentation",
    "verksamheten",
    "förvaltningen",
    "kommunen",
]


class Generator:
    def __init__(self, seed=2026):
        self.random = random.Random(seed)
        self.fake = Faker("sv_SE")
        self.fake.seed_instance(seed)
        self.now = timezone.now()

    # --- the fixed parts: municipalities, tags, the bench user

    def municipalities(self):
        existing = Municipality.objects.count()
        new = [
            Municipality(name=f"Benchkommun {n}", slug=f"{PREFIX}-kommun-{n}", code=f"B{n:03d}")
            for n in range(existing, MUNICIPALITIES)
        ]
        Municipality.objects.bulk_create(new, batch_size=BATCH)
        EmailDomain.objects.bulk_create(
            [EmailDomain(municipality=m, domain=f"{m.slug}.example.se") for m in new],
            batch_size=BATCH,
        )
        return list(Municipality.objects.order_by("pk"))

    def tags(self):
        for name in TAGS:
            Tag.objects.get_or_create(name=name, defaults={"slug": name.replace(" ", "-")})
        return list(Tag.objects.filter(name__in=TAGS))

    def reader(self, municipality):
        user, created = User.objects.get_or_create(email=f"{PREFIX}-lasare@engelholm.se")
        if created:
            user.set_password(None)
            user.save()
            Profile.objects.create(user=user, display_name="Benchläsare", listed=False)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        Membership.objects.get_or_create(user=user, municipality=municipality)
        return user

    # --- growing

    def grow_to(self, services):
        municipalities = self.municipalities()
        areas = list(Area.objects.all())
        competences = list(Competence.objects.filter(curated=True))
        tags = self.tags()
        have = AIService.objects.filter(slug__startswith=f"{PREFIX}-").count()
        add = services - have
        if add <= 0:
            return
        people = self._people(have, add // 2, municipalities, areas, competences)
        self._services(have, add, municipalities, areas, tags, people)
        self._pilots(have // 2, add // 2, municipalities, areas, tags, people)

    def _text(self, subject, place, sentences=3):
        words = " ".join(self.random.sample(SV_WORDS, 3))
        return f"{subject.capitalize()} i {place} för {words}. " + self.fake.paragraph(
            nb_sentences=sentences
        )

    def _people(self, start, count, municipalities, areas, competences):
        users = [
            User(email=f"{PREFIX}-person-{n}@{PREFIX}.example.se", password="!")
            for n in range(start, start + count)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        users = list(User.objects.filter(email__in=[u.email for u in users]))
        profiles = [
            Profile(
                user=user,
                display_name=self.fake.name(),
                title=self.random.choice(["Handläggare", "Utvecklare", "Projektledare"]),
                department=self.random.choice(PLACES).capitalize(),
                bio=self.fake.sentence(),
                listed=self.random.random() < 0.7,
                contactable=self.random.random() < 0.5,
            )
            for user in users
        ]
        Profile.objects.bulk_create(profiles, batch_size=BATCH)
        Membership.objects.bulk_create(
            [Membership(user=u, municipality=self.random.choice(municipalities)) for u in users],
            batch_size=BATCH,
        )
        through = Profile.competences.through
        through.objects.bulk_create(
            [
                through(profile=p, competence=c)
                for p in profiles
                for c in self.random.sample(competences, self.random.randint(0, 3))
            ],
            batch_size=BATCH,
        )
        area_through = Profile.areas.through
        area_through.objects.bulk_create(
            [area_through(profile=p, area=self.random.choice(areas)) for p in profiles],
            batch_size=BATCH,
        )
        search_index.refresh_competence_text([p.pk for p in profiles])
        return users

    def _status(self, published):
        roll = self.random.random()
        return published if roll < 0.9 else ("draft" if roll < 0.95 else "archived")

    def _services(self, start, count, municipalities, areas, tags, people):
        rows = []
        for n in range(start, start + count):
            subject, place = self.random.choice(SUBJECTS), self.random.choice(PLACES)
            summary = self._text(subject, place, 1)[:300]
            description = self._text(subject, place, 4)
            if n % 10_000 == 7:
                description += f" Vi prövar också en {RARE_WORD}."
            status = self._status("published")
            rows.append(
                AIService(
                    title=f"{subject.capitalize()} i {place} {n}",
                    slug=f"{PREFIX}-tjanst-{n}",
                    summary=summary,
                    description=description,
                    owner=self.random.choice(municipalities),
                    technique=self.random.choice(AIService.Technique.values),
                    lifecycle=self.random.choice(AIService.Lifecycle.values),
                    target_group=self.random.choice(AIService.TargetGroup.values),
                    hosting=self.random.choice(AIService.Hosting.values),
                    supplier_jurisdiction="sweden",
                    personal_data=self.random.choice(AIService.PersonalData.values),
                    pub_agreement="not_needed",
                    dpia="not_needed",
                    risk_class=self.random.choice(["minimal", "limited", "high"]),
                    status=status,
                    published_at=self.now if status != "draft" else None,
                )
            )
        AIService.objects.bulk_create(rows, batch_size=BATCH)
        services = list(
            AIService.objects.filter(slug__in=[r.slug for r in rows]).only("pk", "owner_id")
        )
        self._links(AIService, services, areas, tags, people)
        marks = []
        for service in services:
            for municipality in self.random.sample(municipalities, 2):
                if municipality.pk != service.owner_id:
                    marks.append(
                        Adoption(
                            service=service,
                            municipality=municipality,
                            status=self.random.choice(Adoption.Status.values),
                        )
                    )
        Adoption.objects.bulk_create(marks, batch_size=BATCH, ignore_conflicts=True)

    def _links(self, model, objects, areas, tags, people):
        area_through = model.areas.through
        key = model._meta.model_name
        area_through.objects.bulk_create(
            [
                area_through(**{key: o, "area": a})
                for o in objects
                for a in self.random.sample(areas, 2)
            ],
            batch_size=BATCH,
        )
        contact_through = model.contacts.through
        contact_through.objects.bulk_create(
            [contact_through(**{key: o, "user": self.random.choice(people)}) for o in objects],
            batch_size=BATCH,
        )
        content_type = ContentType.objects.get_for_model(model)
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(content_type=content_type, object_id=o.pk, tag=t)
                for o in objects
                for t in self.random.sample(tags, 3)
            ],
            batch_size=BATCH,
        )
        # Tag links written straight into taggit bypass its signals: refresh the index.
        search_index.refresh_tag_text(model, [o.pk for o in objects])

    def _pilots(self, start, count, municipalities, areas, tags, people):
        rows = []
        for n in range(start, start + count):
            subject, place = self.random.choice(SUBJECTS), self.random.choice(PLACES)
            status = self._status("published")
            rows.append(
                Pilot(
                    title=f"Pilot: {subject} i {place} {n}",
                    slug=f"{PREFIX}-pilot-{n}",
                    summary=self._text(subject, place, 1)[:300],
                    problem=self.fake.paragraph(nb_sentences=2),
                    description=self._text(subject, place, 3),
                    lead_municipality=self.random.choice(municipalities),
                    lead=self.random.choice(people),
                    technique=self.random.choice(AIService.Technique.values),
                    phase=self.random.choice(Pilot.Phase.values),
                    personal_data="none",
                    pub_agreement="not_needed",
                    dpia="not_needed",
                    risk_class="minimal",
                    status=status,
                    published_at=self.now if status != "draft" else None,
                )
            )
        Pilot.objects.bulk_create(rows, batch_size=BATCH)
        pilots = list(Pilot.objects.filter(slug__in=[r.slug for r in rows]).only("pk"))
        self._links(Pilot, pilots, areas, tags, people)
        quarter_days = [datetime.date(2026, month, 15) for month in (5, 8, 11)]
        PilotUpdate.objects.bulk_create(
            [
                PilotUpdate(pilot=p, date=day, text=self.fake.paragraph(nb_sentences=2))
                for p in pilots
                for day in quarter_days
            ],
            batch_size=BATCH,
        )
        Effect.objects.bulk_create(
            [
                Effect(
                    pilot=p,
                    metric="Sparad handläggningstid",
                    unit=Effect.Unit.HOURS,
                    period=Effect.Period.MONTH,
                    baseline=Decimal(self.random.randint(20, 80)),
                    value=Decimal(self.random.randint(5, 60)),
                    measured_on=datetime.date(2026, 11, 1),
                    method="Tidsloggning under en månad.",
                )
                for p in pilots
            ],
            batch_size=BATCH,
        )
