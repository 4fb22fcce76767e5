"""The eleven municipalities of Familjen Helsingborg and the eleven areas (verksamhetsområden).

The data is written out here rather than imported, so that the migration stays what it
was when it ran.
"""

from django.db import migrations

MUNICIPALITIES = [
    # name, slug, kommunkod, e-mail domain, website
    ("Bjuv", "bjuv", "1260", "bjuv.se", "https://www.bjuv.se"),
    ("Båstad", "bastad", "1278", "bastad.se", "https://www.bastad.se"),
    ("Helsingborg", "helsingborg", "1283", "helsingborg.se", "https://helsingborg.se"),
    ("Höganäs", "hoganas", "1284", "hoganas.se", "https://www.hoganas.se"),
    ("Klippan", "klippan", "1276", "klippan.se", "https://www.klippan.se"),
    ("Landskrona", "landskrona", "1282", "landskrona.se", "https://www.landskrona.se"),
    ("Perstorp", "perstorp", "1275", "perstorp.se", "https://www.perstorp.se"),
    ("Svalöv", "svalov", "1214", "svalov.se", "https://www.svalov.se"),
    ("Åstorp", "astorp", "1277", "astorp.se", "https://www.astorp.se"),
    ("Ängelholm", "angelholm", "1292", "engelholm.se", "https://www.engelholm.se"),
    ("Örkelljunga", "orkelljunga", "1257", "orkelljunga.se", "https://www.orkelljunga.se"),
]

AREAS = [
    ("förskola och skola", "forskola-och-skola"),
    ("vuxenutbildning", "vuxenutbildning"),
    ("individ och familj", "individ-och-familj"),
    ("arbetsmarknad", "arbetsmarknad"),
    ("försörjningsstöd", "forsorjningsstod"),
    ("vård och omsorg", "vard-och-omsorg"),
    ("samhällsbyggnad", "samhallsbyggnad"),
    ("kultur och fritid", "kultur-och-fritid"),
    ("HR och administration", "hr-och-administration"),
    ("kommunikation och kontaktcenter", "kommunikation-och-kontaktcenter"),
    ("IT och digitalisering", "it-och-digitalisering"),
]


def create(apps, schema_editor):
    Municipality = apps.get_model("municipalities", "Municipality")
    EmailDomain = apps.get_model("municipalities", "EmailDomain")
    Area = apps.get_model("municipalities", "Area")
    for name, slug, code, domain, website in MUNICIPALITIES:
        municipality, _created = Municipality.objects.get_or_create(
            slug=slug, defaults={"name": name, "code": code, "website": website}
        )
        EmailDomain.objects.get_or_create(domain=domain, defaults={"municipality": municipality})
    for position, (name, slug) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(
            slug=slug, defaults={"name": name[0].upper() + name[1:], "position": position}
        )


def remove(apps, schema_editor):
    apps.get_model("municipalities", "Area").objects.filter(
        slug__in=[slug for _name, slug in AREAS]
    ).delete()
    apps.get_model("municipalities", "EmailDomain").objects.filter(
        domain__in=[row[3] for row in MUNICIPALITIES]
    ).delete()
    apps.get_model("municipalities", "Municipality").objects.filter(
        slug__in=[row[1] for row in MUNICIPALITIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
