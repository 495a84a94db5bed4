"""The types of document a fiche may ask for (LAW.md R1, R2), read from
data/document_types.json. A required document carries a type's code: what is asked, held,
fetched elsewhere or forbidden is decided by that code, never by the document's label."""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

from idara.text import fold

VOCABULARY = Path(__file__).parent / "data" / "document_types.json"
OTHER = "other"
# The codes the product's own rules name.
BIRTH_ACT = "birth-act"
BUILDING_PERMIT = "building-permit"
PROPERTY_CERTIFICATE = "property-certificate"


@dataclass(frozen=True)
class DocumentType:
    code: str
    name_fr: str
    name_ar: str
    forbidden: str  # the article that forbids asking for it; empty where it may be asked
    patterns: tuple[re.Pattern, ...]

    @property
    def name(self) -> str:
        return self.name_ar if get_language() == "ar" else self.name_fr


@cache
def document_types() -> dict[str, DocumentType]:
    entries = json.loads(VOCABULARY.read_text(encoding="utf-8"))["types"]
    return {
        e["code"]: DocumentType(
            e["code"],
            e["name_fr"],
            e["name_ar"],
            e.get("forbidden", ""),
            tuple(re.compile(p) for p in e["patterns"]),
        )
        for e in entries
    }


def classify(label_fr: str) -> str:
    """The type of a document of the national file, from its French label: read once, at
    import; from then on the code decides, whatever the label becomes."""
    folded = fold(label_fr)
    for kind in document_types().values():
        if any(p.search(folded) for p in kind.patterns):
            return kind.code
    return OTHER


def choices(*, allowed_only: bool = True) -> list[tuple[str, str]]:
    return [
        (t.code, t.name) for t in document_types().values() if not (allowed_only and t.forbidden)
    ]


def forbidden(code: str) -> bool:
    """R2 (art. 7): no legalised signatures, no certified copies: those types are never asked."""
    kind = document_types().get(code)
    return kind is not None and bool(kind.forbidden)


def known(code: str) -> bool:
    return code in document_types()
