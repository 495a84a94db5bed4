import io

import pytest

from idara.territories.services import REFERENCE_FILE
from idara.territories.territory_file import TerritoryFileError, read_territories

HEADER = "code,kind,name_fr,name_ar,parent_code\n"
GOOD = HEADER + (
    "01.,region,Tanger-Tétouan-Al Hoceïma,طنجة تطوان الحسيمة,\n"
    "01.151.,province,Chefchaouen,شفشاون,01.\n"
    "01.151.01.01.,commune_urban,Chefchaouen,شفشاون,01.151.\n"
)


def read(text):
    return read_territories(io.StringIO(text))


def test_the_reference_file_holds_every_unit_parents_first():
    with open(REFERENCE_FILE, encoding="utf-8") as f:
        rows = read_territories(f)
    assert len(rows) == 1631
    seen = set()
    for row in rows:
        assert not row.parent_code or row.parent_code in seen
        seen.add(row.code)


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("code;kind\n", 1, "header"),
        (GOOD + "01.151.01.02.,commune,X,س,01.151.\n", 5, "unknown kind"),
        (GOOD + "01.151.01.02.,commune_rural,,س,01.151.\n", 5, "French name"),
        (GOOD + "1.151.,province,X,س,01.\n", 5, "HCP code"),
        (GOOD + "01.151.01.02.,commune_rural,X,س\n", 5, "columns"),
        (GOOD + "01.151.01.01.,commune_urban,Chefchaouen,شفشاون,01.151.\n", 5, "twice"),
        (GOOD + "01.151.01.02.,commune_rural,X,س,01.999.\n", 5, "not in the file"),
        (GOOD + "01.152.,province,X,س,01.151.\n", 5, "cannot belong"),
        (GOOD + "02.151.01.03.,commune_rural,X,س,01.151.\n", 5, "outside its region"),
    ],
)
def test_a_bad_line_is_named_by_its_number(text, line, words):
    with pytest.raises(TerritoryFileError) as error:
        read(text)
    assert error.value.line == line
    assert words in error.value.message
