"""Agents wary of new software find a short explanation on every back-office page."""

from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parents[1] / "templates" / "backoffice"
EXPLAINED = ('class="help"', 'class="hint"')


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.name)
def test_every_back_office_page_explains_itself(page):
    assert any(mark in page.read_text() for mark in EXPLAINED), page.name
