"""API token names move into an encrypted field: a name can say what the token is for."""

from django.db import migrations

import between.lib.fields


def seal_existing(apps, schema_editor):
    AccessToken = apps.get_model("accounts", "AccessToken")
    for token in AccessToken.objects.all():
        raw = str(token.__dict__["name"])
        if not raw.startswith(("v1.", "v2.")):
            token.name = raw
            token.save(update_fields=["name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0011_clinic_settings")]

    operations = [
        migrations.AlterField(
            model_name="accesstoken", name="name",
            field=between.lib.fields.EncryptedTextField(
                owner="user", not_screened="a name for an API token")),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
