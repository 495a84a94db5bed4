import pytest

from idara.audit.services import record
from idara.conftest import make_user, staff_login

pytestmark = pytest.mark.django_db


def test_the_auditor_reads_everything_an_administrator_their_own_an_agent_nothing(
    client, commune, other_commune, admin
):
    record(admin, "test.mine", commune)
    record(None, "test.theirs", other_commune)
    auditor = make_user("auditor@dgct.ma", "auditor")
    staff_login(client, auditor)
    page = client.get("/fr/backoffice/audit/").content.decode()
    assert "test.mine" in page and "test.theirs" in page
    staff_login(client, admin)
    page = client.get("/fr/backoffice/audit/").content.decode()
    assert "test.mine" in page and "test.theirs" not in page
    agent = make_user("agent@commune.ma", "agent", service=commune.services.first())
    staff_login(client, agent)
    assert client.get("/fr/backoffice/audit/").status_code == 404
