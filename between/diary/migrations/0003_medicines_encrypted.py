"""As-needed medicine names move from plain JSON into an encrypted field."""

from django.db import migrations

import between.lib.fields


def seal_existing(apps, schema_editor):
    """Every value that is still plain JSON text is sealed with its client's data key."""
    Card = apps.get_model("diary", "Card")
    for pk, raw in Card.objects.exclude(medicines__isnull=True).values_list("pk", "medicines"):
        text = str(raw)
        if text.startswith(("v1.", "v2.")):
            continue
        card = Card.objects.get(pk=pk)
        card.medicines = None if text in ("", "[]", "null") else text
        card.save(update_fields=["medicines"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("diary", "0002_card_risk_categories_card_risk_level"),
    ]

    operations = [
        migrations.RenameField("card", "as_needed", "medicines"),
        migrations.AlterField(
            model_name="card", name="medicines",
            field=between.lib.fields.EncryptedTextField(
                blank=True, null=True,
                not_screened="medicine names and doses from a list")),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
