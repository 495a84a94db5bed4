import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english():
    """The messages are matched as written in the code (English)."""
    with translation.override("en"):
        yield
