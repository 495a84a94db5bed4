"""The project's Arabic for the national file's texts that no source gives in Arabic
(data/arabic.json): applied at import, marked as a translation for the national supervisor to
replace, and shown to the citizen like the rest."""

import json
from dataclasses import dataclass
from pathlib import Path

# The entry's texts the project translates, and the field its Arabic goes to.
TEXTS = {
    "competent_authority": "competent_authority_ar",
    "fee_details": "fee_details_ar",
    "user_deadline": "user_deadline_ar",
}
LISTS = {"legal_basis": "legal_basis_ar", "required_documents": "required_documents_ar"}
# How the version records a list the project translated.
LIST_MARKS = {"legal_basis_ar": "legal_basis_ar", "required_documents_ar": "documents"}


@dataclass(frozen=True)
class Translation:
    names: dict[str, dict]
    texts: dict[str, str]

    @classmethod
    def read(cls, path: Path) -> "Translation":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["names"], {t["fr"]: t["ar"] for t in data["texts"]})

    def applied(self, entry: dict) -> dict:
        """The entry with Arabic wherever the file has none and the project has some, and
        `translated`: the Arabic fields that are the project's."""
        added, translated = {}, []
        name = self.names.get(entry.get("slug"))
        if name and (not entry.get("name_ar") or entry["name_ar"] == name.get("replaces")):
            added["name_ar"] = name["name_ar"]
            translated.append("name_ar")
        for field, arabic in TEXTS.items():
            if entry.get(field) and not entry.get(arabic) and entry[field] in self.texts:
                added[arabic] = self.texts[entry[field]]
                translated.append(arabic)
        for field, arabic in LISTS.items():
            texts = entry.get(field) or []
            said = [self.texts.get(text) for text in texts]
            if texts and not entry.get(arabic) and any(said):
                added[arabic] = said
                translated.append(LIST_MARKS[arabic])
        return entry | added | ({"translated": translated} if translated else {})

    def missing(self, entry: dict) -> list[str]:
        """The entry's French texts with no Arabic, in the file or here."""
        texts = [entry.get(field) for field in TEXTS] + [
            text for field in LISTS for text in entry.get(field) or []
        ]
        return [t for t in texts if t and t not in self.texts]
