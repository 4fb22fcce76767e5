"""The shared vocabulary of AI competences that the profile form offers everyone."""

from django.db import migrations
from django.utils.text import slugify

VOCABULARY = [
    "AI Act",
    "Bildanalys",
    "Chattbotar",
    "Dataanalys",
    "Datahantering och informationsförvaltning",
    "Etik och AI",
    "Förändringsledning",
    "GDPR och dataskydd",
    "Informationssäkerhet",
    "Maskininlärning",
    "Processautomatisering",
    "Promptdesign",
    "Språkmodeller",
    "Taligenkänning",
    "Tolkning och översättning",
    "Upphandling av AI",
    "Utbildning i AI",
]


def add_vocabulary(apps, schema_editor):
    Competence = apps.get_model("municipalities", "Competence")
    for name in VOCABULARY:
        Competence.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "curated": True}
        )


class Migration(migrations.Migration):
    dependencies = [("municipalities", "0003_people_and_account_deletion")]

    operations = [migrations.RunPython(add_vocabulary, migrations.RunPython.noop)]
