import pytest

from idara.civil_status import services
from idara.documents.signing import make_signing_key

BIRTH = {
    "kind": "birth",
    "year": "1990",
    "number": "1234",
    "family_name_ar": "الإدريسي",
    "given_name_ar": "أمينة",
    "family_name_fr": "El Idrissi",
    "given_name_fr": "Amina",
    "sex": "F",
    "event_date": "1990-04-12",
    "event_place_ar": "شفشاون",
    "event_place_fr": "Chefchaouen",
    "father_ar": "محمد الإدريسي",
    "father_fr": "Mohammed El Idrissi",
    "mother_ar": "فاطمة الزهراء بناني",
    "mother_fr": "Fatima Zahra Bennani",
}


@pytest.fixture
def keys(settings, tmp_path):
    settings.SIGNING_KEYS_DIR = tmp_path / "keys"
    return settings.SIGNING_KEYS_DIR


@pytest.fixture
def act(commune, civil_agent):
    """Amina El Idrissi's birth act in the commune's register."""
    return services.enter_act(civil_agent, commune, dict(BIRTH))


@pytest.fixture
def signing(keys, commune):
    make_signing_key(commune)
    return commune
