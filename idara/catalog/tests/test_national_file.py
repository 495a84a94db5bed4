import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from idara.catalog import selectors
from idara.catalog.models import FeeKind, Level, Procedure, ProcedureVersion
from idara.catalog.national_file import NationalFileError, fiche_from_entry, read_national_file
from idara.catalog.services import NATIONAL_FILE, import_national_catalogue, import_national_file

pytestmark = pytest.mark.django_db


def entries():
    return json.loads(NATIONAL_FILE.read_text(encoding="utf-8"))


def test_the_national_file_loads_every_procedure_once(catalogue):
    assert catalogue.created == 55
    assert Procedure.objects.exclude(level=Level.ELSEWHERE).count() == 48
    again = import_national_file()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 55)
    assert ProcedureVersion.objects.count() == 55


def test_every_fact_is_kept_and_a_null_stays_not_published(catalogue):
    naissance = selectors.fiche(selectors.procedure("declaration-naissance"))
    assert naissance.version.fee_kind == FeeKind.UNPUBLISHED
    assert naissance.fee.amount is None
    assert naissance.version.deadline_days is None
    assert not naissance.deadline_published
    assert naissance.deadline_days == 60  # L6: the ceiling, shown as such
    source = next(e for e in entries() if e["slug"] == "declaration-naissance")
    assert naissance.version.legal_basis == source["legal_basis"]
    assert set(source["sources"]) <= set(naissance.version.sources)
    assert [d.source.name_fr for d in naissance.documents] == source["required_documents"]


def test_fees_as_the_source_states_them(catalogue):
    def fee(slug):
        return selectors.fiche(selectors.procedure(slug)).fee

    assert (fee("extrait-acte-naissance").kind, fee("extrait-acte-naissance").amount) == (
        FeeKind.AMOUNT,
        Decimal("2"),
    )
    assert fee("declaration-deces").kind == FeeKind.FREE
    assert fee("permis-construire-petits-projets").kind == FeeKind.FORMULA
    assert not fee("permis-construire-petits-projets").known  # each commune sets it


def test_a_legalised_document_of_the_source_is_kept_with_the_laws_waiver(catalogue):
    permit = selectors.fiche(selectors.procedure("permis-construire-petits-projets"))
    waived = [d.source for d in permit.documents if d.source.legalisation_waived]
    assert [d.name_fr for d in waived] == [
        "Demande signée et légalisée (formulaire fourni par l'architecte)"
    ]


def test_documents_listed_as_alternatives_or_conditions_are_not_all_required(catalogue):
    extract = selectors.fiche(selectors.procedure("extrait-acte-naissance"))
    assert not any(d.source.mandatory for d in extract.documents)  # "A, ou B, ou C"
    birth = selectors.fiche(selectors.procedure("declaration-naissance"))
    optional = {d.source.code for d in birth.documents if not d.source.mandatory}
    assert "certificat-medical-fixant-age" in optional  # "(si date/lieu de naissance inconnus)"


def test_a_changed_entry_publishes_a_new_version_and_keeps_the_old(catalogue):
    changed = [
        e | {"max_deadline_days": 7} if e["slug"] == "permis-refection" else e for e in entries()
    ]
    report = import_national_catalogue(read_national_file(json.dumps(changed)))
    assert (report.created, report.updated) == (0, 1)
    versions = Procedure.objects.get(slug="permis-refection").versions.order_by("number")
    assert [(v.number, v.deadline_days) for v in versions] == [(1, 10), (2, 7)]


def test_a_fee_that_is_not_a_number_is_refused():
    entry = entries()[0] | {"fee": "deux dirhams"}
    with pytest.raises(NationalFileError, match="is not a number"):
        fiche_from_entry(entry)


def test_a_bad_file_stops_the_load_and_loads_nothing(tmp_path, db):
    bad = entries()
    bad[30]["category"] = "magie"
    path = tmp_path / "procedures.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError, match="unknown category 'magie' — nothing was loaded"):
        call_command("load_catalog", str(path))
    assert not Procedure.objects.exists()
