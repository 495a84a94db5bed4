"""Reading the national catalogue (procedures.json) into fiches, every entry checked first."""

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.text import slugify

from idara.catalog.arabic import Translation
from idara.catalog.document_types import classify
from idara.catalog.form_schemas import SCHEMAS
from idara.catalog.models import Category, FeeKind, Level
from idara.catalog.rules import asks_legalised_or_certified_copy
from idara.territories.models import ServiceKind

# Which service of a collectivity handles each category, until its administrator says otherwise.
SERVICE_OF_CATEGORY = {
    Category.CIVIL_STATUS: ServiceKind.CIVIL_STATUS,
    Category.CERTIFICATION: ServiceKind.CIVIL_STATUS,
    Category.URBANISM: ServiceKind.URBANISM,
    Category.ECONOMIC: ServiceKind.ECONOMIC_AFFAIRS,
    Category.PUBLIC_DOMAIN: ServiceKind.ECONOMIC_AFFAIRS,
    Category.ROADS: ServiceKind.URBANISM,
    Category.LOCAL_TAXES: ServiceKind.LOCAL_TAXES,
    Category.FUNERAL: ServiceKind.HYGIENE,
    Category.HEALTH: ServiceKind.HYGIENE,
    Category.SOCIAL: ServiceKind.OTHER,
}
# Plans and technical files are large; other documents are scans.
SIZE_LIMIT_MB = {Category.URBANISM: 50}
DEFAULT_SIZE_LIMIT_MB = 10
DEFAULT_FILE_TYPES = ["application/pdf", "image/jpeg", "image/png"]
# Plans are drawn to scale: a photo of one cannot be checked, so only a PDF is accepted.
PLAN = re.compile(r"^plans?\b", re.IGNORECASE)
DEFAULT_APPEAL_DAYS = 30
# A document the source lists under a condition ("(si …)", "le cas échéant") is not
# asked of every applicant.
CONDITIONAL = re.compile(
    r"\((si|pour|en cas|le cas|selon|s'il|lorsque|enfants|épouse)\b|le cas échéant|"
    r"éventuel|en cas de|si nécessaire|selon la fiche|selon les fiches|personne morale",
    re.IGNORECASE,
)
DAY_TYPES = {None: None, "calendaires": False, "ouvrables": True}
# R4: the catalogue's acts that decree 2-22-385's annex lists, with the annex's reading.
INVESTMENT_ACTS = Path(__file__).parent / "data" / "investment_acts.json"
# R1: the documents required only for some answers of the form.
DOCUMENT_CONDITIONS = Path(__file__).parent / "data" / "document_conditions.json"
# The project's Arabic where the national file has none (catalog.arabic).
ARABIC = Path(__file__).parent / "data" / "arabic.json"


class NationalFileError(ValueError):
    def __init__(self, slug: str, message: str):
        super().__init__(f"{slug}: {message}")


def read_national_file(
    text: str,
    investment_acts: Path = INVESTMENT_ACTS,
    document_conditions: Path = DOCUMENT_CONDITIONS,
    arabic: Path = ARABIC,
) -> list[dict]:
    """The national file with the project's readings of the law beside it: the acts of decree
    2-22-385's annex (R4), the documents required only for some answers (R1), and the
    project's Arabic where the file has none."""
    entries = json.loads(text)
    if not isinstance(entries, list):
        raise NationalFileError("(file)", "the file must hold a list of procedures")
    acts = {act["slug"]: act for act in json.loads(investment_acts.read_text(encoding="utf-8"))}
    conditions = json.loads(document_conditions.read_text(encoding="utf-8"))["conditions"]
    translation = Translation.read(arabic)
    return [
        fiche_from_entry(
            entry,
            acts.get(entry.get("slug")),
            conditions.get(entry.get("slug")),
            translation,
        )
        for entry in entries
    ]


def fiche_from_entry(
    entry: dict,
    investment_act: dict | None = None,
    conditions: dict | None = None,
    translation: Translation | None = None,
) -> dict:
    """`investment_act`: the act's row in decree 2-22-385's annex, if the annex lists it;
    `conditions`: {document code: when it is required}; `translation`: the project's Arabic.
    Each changes the entry's digest, so a second import publishes a new version."""
    if investment_act:
        entry = _as_investment_act(entry, investment_act)
    if conditions:
        entry = entry | {"document_conditions": conditions}
    if translation:
        entry = translation.applied(entry)
    slug = entry.get("slug") or "(no slug)"
    if entry.get("category") not in Category.values:
        raise NationalFileError(slug, f"unknown category {entry.get('category')!r}")
    if entry.get("collectivity_level") not in Level.values:
        raise NationalFileError(slug, f"unknown level {entry.get('collectivity_level')!r}")
    if entry.get("deadline_day_type") not in DAY_TYPES:
        raise NationalFileError(slug, f"unknown day type {entry['deadline_day_type']!r}")
    category = entry["category"]
    fee_kind, fee_mad = _fee(slug, entry.get("fee"))
    return {
        "slug": slug,
        "category": category,
        "level": entry["collectivity_level"],
        "source_digest": _digest(entry),
        "version": {
            "name_fr": entry["name_fr"],
            "name_ar": entry.get("name_ar") or "",
            "competent_authority": entry.get("competent_authority") or "",
            "competent_authority_ar": entry.get("competent_authority_ar"),
            "legal_basis": entry.get("legal_basis") or [],
            "legal_basis_ar": entry.get("legal_basis_ar"),
            "fee_details_ar": entry.get("fee_details_ar"),
            "user_deadline_ar": entry.get("user_deadline_ar"),
            "translated": entry.get("translated"),
            "fee_kind": fee_kind,
            "fee_mad": fee_mad,
            "fee_details": entry.get("fee_details") or "",
            "deadline_days": entry.get("max_deadline_days"),
            "deadline_working_days": DAY_TYPES[entry.get("deadline_day_type")],
            "deadline_details": entry.get("deadline_details") or "",
            "investment_linked": bool(entry.get("investment_act")),
            "silence_means_acceptance": entry.get("silence_means_acceptance"),
            "extension_basis": "",  # R6: no source lists an act of the file (docs/catalogue.md)
            "appeal_days": DEFAULT_APPEAL_DAYS,
            "service_kind": SERVICE_OF_CATEGORY[category],
            "form_schema": SCHEMAS.get(slug, {}),
            "user_deadline": entry.get("user_deadline") or "",
            "notes": entry.get("notes") or "",
            "online_platform": entry.get("online_platform") or "",
            "sources": _sources(entry),
            "source_quality": entry.get("source_quality") or "",
        },
        "documents": _documents(
            entry.get("required_documents") or [],
            category,
            entry.get("document_conditions"),
            entry.get("required_documents_ar") or [],
        ),
    }


def _as_investment_act(entry: dict, act: dict) -> dict:
    """R4 (art. 16 §2; decree 2-22-385): an act of the annex has a 30-day ceiling and the
    annex's own deadline where it was read; the annex is cited among its legal bases. The
    entry's digest changes with it, so a second import publishes a new version."""
    deadline = (
        act["deadline_days"] if act["deadline_days"] is not None else entry.get("max_deadline_days")
    )
    return entry | {
        "investment_act": act,
        "max_deadline_days": deadline,
        "legal_basis": [*(entry.get("legal_basis") or []), act["legal_basis"]],
    }


def _fee(slug: str, fee) -> tuple[str, Decimal | None]:
    if fee is None:
        return FeeKind.UNPUBLISHED, None
    if fee == "gratuit":
        return FeeKind.FREE, Decimal("0")
    if fee == "variable":
        return FeeKind.FORMULA, None
    try:
        return FeeKind.AMOUNT, Decimal(str(fee))
    except InvalidOperation:
        raise NationalFileError(slug, f"the fee {fee!r} is not a number")


def _documents(
    names: list[str], category: str, conditions: dict | None, names_ar: list[str | None]
) -> list[dict]:
    documents, codes = [], set()
    conditions = conditions or {}
    alternatives = _alternatives(names)
    for position, name in enumerate(names, start=1):
        code = _document_code(name, codes)
        codes.add(code)
        documents.append(
            {
                "position": position,
                "code": code,
                "document_type": classify(name),
                "name_fr": name,
                "name_ar": (names_ar[position - 1] if position <= len(names_ar) else None) or "",
                "mandatory": position not in alternatives and not CONDITIONAL.search(name),
                "required_when": conditions.get(code),
                "sworn_statement_allowed": False,  # R2: no source of the file says so
                "accepted_types": ["application/pdf"] if PLAN.search(name) else DEFAULT_FILE_TYPES,
                "max_size_mb": SIZE_LIMIT_MB.get(category, DEFAULT_SIZE_LIMIT_MB),
                "legalisation_waived": asks_legalised_or_certified_copy(name),
            }
        )
    return documents


def _alternatives(names: list[str]) -> set[int]:
    """Positions of documents the source lists as alternatives ("A, ou", "B, ou", "C"):
    any one of them does, so none is mandatory on its own."""
    positions = set()
    for position, name in enumerate(names, start=1):
        if re.search(r"\bou$", name.strip()):
            positions |= {position, position + 1}
    return positions


def _document_code(name: str, taken: set[str]) -> str:
    plain = re.sub(r"[’'/]", " ", name)
    words = [w for w in slugify(plain).split("-") if len(w) > 2][:4]
    base = "-".join(words)[:36] or "document"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def _sources(entry: dict) -> list[str]:
    listed = [entry.get("source"), *(entry.get("sources") or [])]
    return list(dict.fromkeys(s for s in listed if s))


def _digest(entry: dict) -> str:
    canonical = json.dumps(entry, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()
