"""Demo profiles for the people directory, and each municipality's contact for AI questions.

The member of Ängelholm is deliberately left unanswered, so that logging in as her shows
the one-time question about being listed.
"""

from hub.management.commands._demo_services import DOMAINS, _upsert
from municipalities.models import Area, Competence, Municipality, Profile, User

# email -> (listed, contactable, phone, bio, competences, area slugs)
PEOPLE = {
    "redaktor@engelholm.se": (
        True,
        True,
        "0431-46 80 00",
        "Leder digitaliseringen i skolan och har infört AI-stöd för lärares bedömning.",
        ["Språkmodeller", "Promptdesign", "Förändringsledning", "Utbildning i AI"],
        ["forskola-och-skola", "it-och-digitalisering"],
    ),
    "admin@engelholm.se": (
        True,
        False,
        "",
        "Ansvarar för verksamhetsutveckling och för hur förvaltningen följer upp AI-piloter.",
        ["Förändringsledning", "AI Act", "Upphandling av AI"],
        ["forskola-och-skola"],
    ),
    "redaktor@landskrona.se": (
        True,
        True,
        "0418-47 00 00",
        "Arbetar med kontaktcenter och e-tjänster, och med chattbotar sedan 2023.",
        ["Chattbotar", "Språkmodeller", "GDPR och dataskydd"],
        ["kommunikation-och-kontaktcenter"],
    ),
    "moderator@helsingborg.se": (
        True,
        True,
        "042-10 50 00",
        "Samordnar AI-hubben för Familjen Helsingborg. Fråga mig om vem som kan vad.",
        ["AI Act", "Etik och AI", "GDPR och dataskydd", "Förändringsledning"],
        ["it-och-digitalisering"],
    ),
    "drift@helsingborg.se": (False, False, "", "", [], []),
}
# Project leads: listed, with competences that match their pilots.
LEAD_COMPETENCES = {
    "bjuv": (["Processautomatisering", "Dataanalys"], ["hr-och-administration"]),
    "bastad": (["Språkmodeller", "Tolkning och översättning"], ["kommunikation-och-kontaktcenter"]),
    "helsingborg": (["Språkmodeller", "Informationssäkerhet", "Upphandling av AI"], []),
    "hoganas": (["Bildanalys", "Maskininlärning"], ["samhallsbyggnad"]),
    "klippan": (["Bildanalys", "Dataanalys"], ["samhallsbyggnad"]),
    "perstorp": (["Taligenkänning", "Utbildning i AI"], ["forskola-och-skola"]),
    "svalov": (["Taligenkänning", "GDPR och dataskydd"], ["vard-och-omsorg"]),
    "astorp": (["Taligenkänning", "Förändringsledning"], ["vard-och-omsorg"]),
    "orkelljunga": (["Språkmodeller", "Promptdesign"], ["vard-och-omsorg", "individ-och-familj"]),
}
# Municipalities' contact for AI questions: (functional mailbox, contact person's e-mail).
CONTACTS = {
    "angelholm": "redaktor@engelholm.se",
    "landskrona": "redaktor@landskrona.se",
    "helsingborg": "moderator@helsingborg.se",
}


def seed_people():
    """Fill in the demo profiles and contacts; returns the number of listed people."""
    competences = {c.name: c for c in Competence.objects.all()}
    areas = {a.slug: a for a in Area.objects.all()}
    profiles = {p.user.email: p for p in Profile.objects.select_related("user")}
    rows = dict(PEOPLE)
    for slug, (names, area_slugs) in LEAD_COMPETENCES.items():
        email = f"projektledare@{DOMAINS[slug]}"
        rows[email] = (True, True, "", "", names, area_slugs)
    for email, (listed, contactable, phone, bio, names, area_slugs) in rows.items():
        profile = profiles.get(email)
        if profile is None:
            continue
        _upsert(
            Profile,
            {"user": profile.user},
            {"listed": listed, "contactable": contactable, "phone": phone, "bio": bio},
        )
        profile.competences.set([competences[name] for name in names])
        profile.areas.set([areas[slug] for slug in area_slugs])
    for municipality in Municipality.objects.all():
        contact = User.objects.filter(email=CONTACTS.get(municipality.slug, "")).first()
        _upsert(
            Municipality,
            {"pk": municipality.pk},
            {"contact_email": f"ai@{DOMAINS[municipality.slug]}", "contact_person": contact},
        )
    return Profile.objects.filter(listed=True).count()
