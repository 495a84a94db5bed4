"""For migrations that switch a field to encryption: seal the values already stored."""

BATCH = 500


def seal_existing(app_label: str, model_name: str, names: list[str]):
    def run(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = []
        for row in model._base_manager.only("pk", *names).iterator(chunk_size=BATCH):
            rows.append(row)  # read in clear, written sealed
            if len(rows) == BATCH:
                model._base_manager.bulk_update(rows, names)
                rows = []
        if rows:
            model._base_manager.bulk_update(rows, names)

    return run
