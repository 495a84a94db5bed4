"""Folding text for search: accent-, case- and hamza-insensitive.

"Fès" finds "Fes", "أكادير" finds "اكادير". The same function folds what is
stored and what is typed, so the two always meet.
"""

import re
import unicodedata

from django.utils.translation import get_language

ARABIC_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ى": "ي",
        "ة": "ه",
        "ء": None,
        "ـ": None,  # tatweel
    }
)
PUNCTUATION = re.compile(r"[\s\-'’`.,;:()/]+")


def fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value or "")
    # Mn covers Latin accents and Arabic short vowels (tashkeel) alike.
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    folded = bare.translate(ARABIC_FOLDS).casefold()
    return PUNCTUATION.sub(" ", folded).strip()


def listed(items) -> str:
    """Items one after the other, with the comma of the active language (Arabic has its own)."""
    return ("، " if get_language() == "ar" else ", ").join(str(item) for item in items)


def ltr(value) -> str:
    """Left-to-right text (a reference, a date) isolated inside a plain-text sentence of either
    direction (Unicode LRI … PDI): an SMS, an e-mail, a PDF; HTML pages use `<bdi dir="ltr">`."""
    return f"\u2066{value}\u2069"


def direction_of(text: str) -> str:
    """ "rtl" or "ltr": the direction of a text's first strong character (the Unicode rule
    that `dir="auto"` follows), for what a person wrote in a PDF, where `dir="auto"` is not."""
    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def quoted(value) -> str:
    """A person's words inside a sentence of the interface (a name, a reason typed by an agent),
    isolated in whatever direction they are written (Unicode FSI … PDI). A page's language
    check leaves them out, as it leaves out a part marked lang=""."""
    return f"\u2068{value}\u2069"
