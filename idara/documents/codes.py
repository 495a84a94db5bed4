"""Verification codes: printed under each document's QR code, read aloud over the phone, typed
by hand. Crockford's base-32 alphabet (no I, L, O or U), in groups of four; case, spaces,
dashes and the letters people mistake for digits do not matter."""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# 20 characters of 5 bits: 100 random bits. A guess meets one of a billion documents once in
# 2^70 tries, and /verify is rate-limited.
LENGTH = 20
GROUP = 4
# What a person may type for a character of the alphabet.
MISREAD = str.maketrans({"I": "1", "L": "1", "O": "0"})
# Codes printed before this alphabet (base64url, case-sensitive) still verify as they are.
LEGACY = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def grouped(code: str) -> str:
    """The code as printed: XXXX-XXXX-XXXX-XXXX-XXXX (a legacy code as it was)."""
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return code
    return "-".join(code[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def candidates(typed: str) -> list[str]:
    """The stored codes `typed` may be: the code of this alphabet it reads as, and the legacy
    code it may be verbatim. Empty for what is neither."""
    found = []
    plain = re.sub(r"[\s-]", "", typed).upper().translate(MISREAD)
    if len(plain) == LENGTH and all(c in ALPHABET for c in plain):
        found.append(plain)
    if LEGACY.fullmatch(typed) and typed not in found:
        found.append(typed)
    return found
