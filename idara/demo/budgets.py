"""The demo communes' budgets: demo figures in the chart of accounts, published by their
administrators through the same checks as a real file."""

from django.db import transaction
from django.utils import timezone

from idara.accounts.models import User
from idara.demo.accounts import CHEFCHAOUEN, TIZNIT
from idara.demo.catalog import ADMINS
from idara.territories.selectors import collectivity
from idara.transparency.models import Budget
from idara.transparency.services import publish_budget

# chapter, article, line, label, amount in thousands of dirhams (times the commune's size)
LINES = [
    ("10", "1", "1", "Taxe sur les terrains urbains non bâtis", 2_400),
    ("10", "1", "2", "Taxe sur les débits de boissons", 380),
    ("11", "1", "1", "Part du produit de la TVA", 21_000),
    ("12", "1", "1", "Loyers des locaux commerciaux communaux", 1_150),
    ("13", "1", "1", "Droits d'état civil et de légalisation", 640),
    ("20", "1", "1", "Traitements et salaires", 14_200),
    ("21", "1", "1", "Carburants et fournitures de bureau", 1_900),
    ("22", "1", "1", "Entretien de l'éclairage public", 2_300),
    ("23", "1", "1", "Subventions aux associations", 900),
    ("24", "1", "1", "Intérêts des emprunts du FEC", 650),
    ("30", "1", "1", "Excédent de la section de fonctionnement", 5_620),
    ("31", "1", "1", "Emprunt auprès du FEC", 6_000),
    ("32", "1", "1", "Subvention de l'INDH", 3_500),
    ("40", "1", "1", "Aménagement de la voirie de la médina", 9_800),
    ("40", "1", "2", "Réseau d'assainissement des quartiers périphériques", 3_120),
    ("41", "1", "1", "Acquisition d'un terrain pour un marché", 1_200),
    ("42", "1", "1", "Remboursement du capital des emprunts", 1_000),
]
SIZE = {CHEFCHAOUEN: 1.0, TIZNIT: 1.3}


def budget_file(scale: float, executed: bool = False) -> bytes:
    """The file as an administrator writes it, totals included."""
    rows, totals = ["chapter,article,line,label,amount"], {"revenue": 0, "spending": 0}
    for chapter, article, line, label, thousands in LINES:
        amount = round(thousands * 1000 * scale * (0.93 if executed else 1))
        totals[
            "revenue" if chapter in ("10", "11", "12", "13", "30", "31", "32") else "spending"
        ] += amount
        rows.append(f'{chapter},{article},{line},"{label}",{amount}.00')
    rows += [f"TOTAL,{direction},,,{amount}.00" for direction, amount in totals.items()]
    return ("\n".join(rows) + "\n").encode()


@transaction.atomic
def load_demo_budgets() -> int:
    """This year's adopted budget and last year's executed accounts; none again if they exist."""
    year, published = timezone.localdate().year, 0
    for code, email in ADMINS.items():
        commune, admin = collectivity(code), User.objects.get(email=email)
        if Budget.objects.filter(collectivity=commune).exists():
            continue
        publish_budget(admin, commune, year, "adopted", budget_file(SIZE[code]))
        publish_budget(admin, commune, year - 1, "executed", budget_file(SIZE[code], executed=True))
        published += 2
    return published
