"""Reading settings from the environment, with the parsing in one place."""

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}


def flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def text(name: str, default: str = "") -> str:
    return os.environ.get(name, default) or default


def words(name: str, default: str = "") -> list[str]:
    return [w.strip() for w in text(name, default).split(",") if w.strip()]


def integer(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else a key generated once and kept in var/.

    The file is created with mode 0600 and never committed (var/ is ignored).
    """
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text().strip()
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key
