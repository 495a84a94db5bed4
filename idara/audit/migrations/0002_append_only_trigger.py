from django.db import migrations

from idara.audit import protection


def install(apps, schema_editor):
    protection.install(schema_editor.connection)


def lift(apps, schema_editor):
    protection.lift(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, lift)]
