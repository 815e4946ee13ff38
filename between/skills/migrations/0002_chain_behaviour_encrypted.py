"""A chain analysis's behaviour name is health information: it becomes encrypted."""

from django.db import migrations

import between.lib.fields


def seal_existing(apps, schema_editor):
    Chain = apps.get_model("skills", "ChainAnalysis")
    for pk, raw in Chain.objects.values_list("pk", "behaviour"):
        text = str(raw)
        if text.startswith(("v1.", "v2.")):
            continue
        chain = Chain.objects.get(pk=pk)
        chain.behaviour = text
        chain.save(update_fields=["behaviour"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("skills", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="chainanalysis", name="behaviour",
            field=between.lib.fields.EncryptedTextField(
                not_screened="a behaviour's name, copied from the card")),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
