from django.db import migrations, models

GENERAL_CEILING_DAYS, INVESTMENT_CEILING_DAYS = 60, 30


def fill_ceilings(apps, schema_editor):
    """R4: each dossier keeps the ceiling of the fiche it was filed under."""
    Dossier = apps.get_model("dossiers", "Dossier")
    Dossier.objects.filter(procedure_version__investment_linked=True).update(
        ceiling_days=INVESTMENT_CEILING_DAYS
    )
    Dossier.objects.filter(ceiling_days=None).update(ceiling_days=GENERAL_CEILING_DAYS)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0004_extension_basis"),
        ("dossiers", "0017_extension_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="ceiling_days",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(fill_ceilings, migrations.RunPython.noop),
    ]
