from django.db import migrations, models


def type_the_documents(apps, schema_editor):
    """R1: every document of every published version gets its type, read from its label once
    (the national file has only labels); from now on the rules go by the type."""
    from idara.catalog.document_types import classify

    RequiredDocument = apps.get_model("catalog", "RequiredDocument")
    for document in RequiredDocument.objects.only("pk", "name_fr").iterator():
        RequiredDocument.objects.filter(pk=document.pk).update(
            document_type=classify(document.name_fr)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0004_extension_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="requireddocument",
            name="document_type",
            field=models.SlugField(max_length=40, null=True),
        ),
        migrations.RunPython(type_the_documents, migrations.RunPython.noop),
    ]
