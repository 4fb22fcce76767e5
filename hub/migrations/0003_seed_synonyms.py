"""A first list of synonym groups for the public sector; moderators keep it in admin."""

from django.db import migrations

GROUPS = [
    "bildanalys, bildigenkänning, datorseende",
    "kundtjänst, kontaktcenter, medborgarservice",
    "LLM, stor språkmodell, stora språkmodeller, språkmodell",
    "generativ AI, GenAI",
    "chattbot, chatbot, chattrobot, virtuell assistent",
    "taligenkänning, tal till text, transkribering",
    "textigenkänning, OCR",
    "maskininlärning, machine learning",
    "AI-förordningen, AI Act, AI-akten",
    "GDPR, dataskyddsförordningen",
    "PUB-avtal, personuppgiftsbiträdesavtal",
    "DPIA, konsekvensbedömning",
    "socialtjänst, individ- och familjeomsorg, IFO",
    "försörjningsstöd, ekonomiskt bistånd",
    "upphandling, inköp",
    "diarieföring, registrering av handlingar",
    "e-tjänst, självservice",
]


def add_groups(apps, schema_editor):
    SynonymGroup = apps.get_model("hub", "SynonymGroup")
    for terms in GROUPS:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("hub", "0002_synonym_groups")]

    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
