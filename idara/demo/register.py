"""A plausible civil-status register for each demo commune: a few hundred acts, loaded
through the same CSV import a bureau would use, and the communes' signing keys."""

import csv
import io
import random
from datetime import date, timedelta

from idara.accounts.models import User
from idara.civil_status.forms import ACT_FIELDS
from idara.civil_status.models import Act
from idara.civil_status.register_file import import_register
from idara.demo.accounts import CHEFCHAOUEN, TIZNIT
from idara.documents.signing import make_signing_key
from idara.territories.selectors import collectivity

AGENTS = {CHEFCHAOUEN: "agent@demo.idara.ma", TIZNIT: "agent.tiznit@demo.idara.ma"}
ACTS_PER_COMMUNE = 300
FAMILIES = [
    ("El Idrissi", "الإدريسي"),
    ("Bennani", "بناني"),
    ("Alaoui", "العلوي"),
    ("Amrani", "العمراني"),
    ("Tazi", "التازي"),
    ("Berrada", "برادة"),
    ("Ouazzani", "الوزاني"),
    ("Benjelloun", "بنجلون"),
    ("Lahlou", "لحلو"),
    ("Bakkali", "البقالي"),
    ("Kettani", "الكتاني"),
    ("Ait Ahmed", "آيت أحمد"),
    ("Oubaha", "أوباها"),
    ("Amzil", "أمزيل"),
    ("Boutaleb", "بوطالب"),
    ("Akhannouch", "أخنوش"),
]
MEN = [
    ("Mohammed", "محمد"),
    ("Ahmed", "أحمد"),
    ("Youssef", "يوسف"),
    ("Omar", "عمر"),
    ("Hassan", "حسن"),
    ("Karim", "كريم"),
    ("Mehdi", "المهدي"),
    ("Rachid", "رشيد"),
    ("Hamza", "حمزة"),
    ("Brahim", "إبراهيم"),
]
WOMEN = [
    ("Fatima", "فاطمة"),
    ("Khadija", "خديجة"),
    ("Salma", "سلمى"),
    ("Nadia", "نادية"),
    ("Meryem", "مريم"),
    ("Houda", "هدى"),
    ("Zineb", "زينب"),
    ("Samira", "سميرة"),
    ("Hajar", "هاجر"),
    ("Imane", "إيمان"),
]
# The demo citizen's own birth act: the one her demo orders name.
AMINA = {
    "kind": "birth",
    "year": "1990",
    "number": "1234",
    "family_name_fr": "El Idrissi",
    "family_name_ar": "الإدريسي",
    "given_name_fr": "Amina",
    "given_name_ar": "أمينة",
    "sex": "F",
    "event_date": "1990-04-12",
    "father_fr": "Mohammed El Idrissi",
    "father_ar": "محمد الإدريسي",
    "mother_fr": "Fatima Zahra Bennani",
    "mother_ar": "فاطمة الزهراء بناني",
}


def load_demo_registers() -> int:
    """The registers and keys of both demo communes; nothing again if they exist."""
    loaded = 0
    for code, agent_email in AGENTS.items():
        commune = collectivity(code)
        make_signing_key(commune)
        if Act.objects.filter(bureau=commune).exists():
            continue
        report = import_register(
            User.objects.get(email=agent_email),
            commune,
            register_csv(commune, random.Random(code)),  # noqa: S311 (reproducible demo data)
        )
        if not report.ok:  # the generator makes clean files: a bug if not
            raise RuntimeError(f"demo register rejected: {report.rejected[:3]}")
        loaded += report.loaded
    return loaded


def register_csv(commune, rng: random.Random) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACT_FIELDS)
    writer.writeheader()
    place = {
        "event_place_fr": commune.name_fr,
        "event_place_ar": commune.name_ar or commune.name_fr,
    }
    writer.writerow({k: "" for k in ACT_FIELDS} | AMINA | place)
    numbers: dict[tuple[str, int], int] = {}
    for _ in range(ACTS_PER_COMMUNE - 1):
        act = _act(rng)
        key = (act["kind"], act["year"])
        numbers[key] = numbers.get(key, 0) + 1
        writer.writerow({k: "" for k in ACT_FIELDS} | act | place | {"number": numbers[key]})
    return out.getvalue().encode()


def _act(rng: random.Random) -> dict:
    kind = rng.choices(["birth", "marriage", "death"], weights=[8, 2, 1])[0]
    sex = "M" if kind == "marriage" else rng.choice("FM")
    family = rng.choice(FAMILIES)
    given = rng.choice(MEN if sex == "M" else WOMEN)
    event = date(1950, 1, 1) + timedelta(days=rng.randrange(27_000))
    father, mother = rng.choice(MEN), rng.choice(WOMEN)
    act = {
        "kind": kind,
        "year": event.year,
        "family_name_fr": family[0],
        "family_name_ar": family[1],
        "given_name_fr": given[0],
        "given_name_ar": given[1],
        "sex": sex,
        "event_date": event.isoformat(),
        "father_fr": f"{father[0]} {family[0]}",
        "father_ar": f"{father[1]} {family[1]}",
        "mother_fr": f"{mother[0]} {rng.choice(FAMILIES)[0]}",
        "mother_ar": f"{mother[1]}",
    }
    if kind == "marriage":
        wife, wife_family = rng.choice(WOMEN), rng.choice(FAMILIES)
        act |= {
            "spouse_fr": f"{wife[0]} {wife_family[0]}",
            "spouse_ar": f"{wife[1]} {wife_family[1]}",
        }
    if kind == "death":
        act["birth_date"] = (event - timedelta(days=rng.randrange(20_000, 33_000))).isoformat()
    return act
