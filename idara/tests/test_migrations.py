"""Issue 13: "Zero-downtime upgrades: migrations that are backward compatible
(django-migration-linter or an equivalent check in CI)."

During a rolling upgrade the new schema is migrated while the old code still serves, so a
migration must not break that code: no column dropped or renamed, no NOT NULL column without
a database default (`db_default`), no altered column type. django-migration-linter reads each
migration's SQL on this run's database (SQLite and PostgreSQL) and says so."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django_migration_linter import MigrationLinter

IDARA_APPS = [app.rsplit(".", 1)[-1] for app in settings.INSTALLED_APPS if app.startswith("idara.")]
# Released before this check came; each was applied together with the code that needed it.
# Never add to this list: write the migration in backward-compatible steps instead.
RELEASED_BEFORE_THE_CHECK = [
    "0002_remove_user_one_account_per_national_id_and_more",
    "0002_offering_fee_rule",
    "0002_alter_act_father_ar_alter_act_father_fr_and_more",
    "0005_resumableupload_data_key",
    "0005_practice_dossiers",
    "0008_opinion_verdicts",
    "0009_decision_record",
    "0011_alter_dossier_data",
    "0002_message_about",
    "0003_alter_message_body_alter_message_recipient",
]


def _lint(**options) -> MigrationLinter:
    linter = MigrationLinter(
        path=str(settings.BASE_DIR),
        include_apps=IDARA_APPS,
        ignore_initial_migrations=True,  # a new table breaks nothing that ran before
        no_cache=True,
        no_output=True,
        **options,
    )
    linter.lint_all_migrations()
    return linter


@pytest.mark.django_db(transaction=True)  # SQLite writes no schema SQL inside a transaction
def test_every_new_migration_keeps_the_running_code_working():
    linter = _lint(ignore_name=RELEASED_BEFORE_THE_CHECK)
    assert linter.nb_valid >= 10  # the check did read the migrations
    assert linter.nb_erroneous == 0, "a migration would break the code still serving (see above)"


@pytest.mark.django_db(transaction=True)
def test_the_check_sees_a_migration_that_would_break_the_running_code():
    # dossiers 0009 added NOT NULL columns without a database default: an old server
    # inserting a dossier during the upgrade would have failed.
    assert _lint(include_name=["0009_decision_record"]).nb_erroneous == 1


@pytest.mark.django_db
def test_no_model_change_is_left_without_its_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
