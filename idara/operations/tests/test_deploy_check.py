"""Issue 13: "`manage.py check --deploy` clean", with the settings docs/deployment.md gives a
production instance."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

from idara.vault.keys import new_index_key, new_key_entry


def test_the_deployment_check_finds_nothing_with_production_settings(tmp_path):
    # Nothing of the test run's own environment (its browser tests allow unsafe async calls).
    machine = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    production = machine | {
        "DJANGO_SETTINGS_MODULE": "idara.settings",
        "IDARA_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "idara.example.ma",
        "CSRF_TRUSTED_ORIGINS": "https://idara.example.ma",
        "PUBLIC_BASE_URL": "https://idara.example.ma",
        "SECURE_SSL_REDIRECT": "1",
        "IDARA_MASTER_KEYS": new_key_entry("2026"),
        "IDARA_INDEX_KEY": new_index_key(),
    }
    assert "idara.E030" in _manage(["check", "--deploy"], production).stderr  # no national key
    _manage(["make_signing_keys", "--national"], production)
    done = _manage(["check", "--deploy", "--fail-level", "WARNING"], production)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "no issues" in done.stdout


def _manage(arguments: list[str], environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
