"""Budgets: a file is checked line by line; the report names each bad line and nothing is
published until the file is clean; the public reads it by section and downloads it."""

import hashlib
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from idara.conftest import staff_login
from idara.demo.budgets import budget_file
from idara.transparency.budget_file import BudgetFileRefused
from idara.transparency.models import Budget
from idara.transparency.services import publish_budget

pytestmark = pytest.mark.django_db
GOOD = budget_file(1.0)


def with_line(extra: str) -> bytes:
    return GOOD.replace(b"TOTAL,revenue", extra.encode() + b"\nTOTAL,revenue", 1)


@pytest.mark.parametrize(
    "content, problem",
    [
        (
            with_line('99,1,1,"Recette inconnue",10.00'),
            "Line 19: the chapter “99” is not in the chart",
        ),
        (with_line('10,1,9,"Taxe",douze'), "Line 19: the amount “douze” is not an amount"),
        (with_line('10,1,1,"Doublon",1.00'), "10.1.1 appears twice"),
        (GOOD.replace(b"TOTAL,spending,,,", b"TOTAL,spending,,,1"), "The total of spending is 1"),
        (b"chapitre;montant\n10;5\n", "The first line must be"),
        ("chapter,article,line,label,amount\n10,1,1,é,1\n".encode("latin-1"), "UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_each_line_named_and_nothing_published(
    commune, admin, content, problem
):
    with translation.override("en"), pytest.raises(BudgetFileRefused) as refused:
        publish_budget(admin, commune, 2026, "adopted", content)
    assert any(problem in p for p in refused.value.problems), refused.value.problems
    assert not Budget.objects.exists()


def test_every_problem_is_reported_at_once(commune, admin):
    content = with_line('99,1,1,"A",1.00\n10,x,1,"B",1.00\n10,1,2,"",1.00')
    with translation.override("en"), pytest.raises(BudgetFileRefused) as refused:
        publish_budget(admin, commune, 2026, "adopted", content)
    assert [p.split(":")[0] for p in refused.value.problems] == ["Line 19", "Line 20", "Line 21"]


def test_only_the_collectivitys_administrator_publishes(commune, other_admin):
    with pytest.raises(PermissionDenied):
        publish_budget(other_admin, commune, 2026, "adopted", GOOD)


def test_a_clean_file_is_published_and_read_by_section(client, commune, admin):
    budget = publish_budget(admin, commune, 2026, "adopted", GOOD)
    assert budget.sha256 == hashlib.sha256(GOOD).hexdigest() and budget.lines.count() == 17
    page = client.get(f"/fr/transparency/{commune.code}/budgets/2026/adopted/").content.decode()
    digits = re.sub(r"[\s\u202f\xa0.]", "", page)  # the thousands as the language groups them
    assert "Section de fonctionnement" in page and "25570000,00" in digits
    assert "<svg" in page and "Aménagement de la voirie de la médina" in page
    download = client.get(f"/open-data/budgets/{commune.code}/2026-adopted.csv")
    assert download.content == GOOD  # the file exactly as published
    lines = client.get(f"/open-data/budgets/{commune.code}/2026-adopted.json").json()["rows"]
    assert {line["section"] for line in lines} == {"operating", "investment"}


def test_the_administrator_sees_the_report_in_the_back_office(client, commune, admin):
    staff_login(client, admin)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("budget.csv", with_line('99,1,1,"Recette inconnue",10.00'))
    page = client.post(
        f"/fr/backoffice/collectivities/{commune.code}/budgets/",
        {"year": "2026", "kind": "adopted", "file": bad},
    ).content.decode()
    assert "Rien n'a été publié" in page
    assert "Ligne 19" in page and not Budget.objects.exists()
