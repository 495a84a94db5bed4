"""The public pages of the transparency portal, their open data and API, and the share cards:
all read the precomputed figures of the period."""

from datetime import date
from io import BytesIO

import pytest
from PIL import Image

from idara.catalog.models import Procedure
from idara.territories.models import Collectivity
from idara.transparency.models import MonthlyFigures
from idara.transparency.ranking import Period, rank

pytestmark = pytest.mark.django_db
Q3 = "2026-Q3"
CHEFCHAOUEN, TIZNIT = "01.151.01.01.", "09.581.01.07."


@pytest.fixture
def ranked(all_territories, catalogue):
    procedure = Procedure.objects.get(slug="extrait-acte-naissance")
    for code, on_time in ((CHEFCHAOUEN, 30), (TIZNIT, 35)):
        for month in (7, 8):
            MonthlyFigures.objects.create(
                collectivity=Collectivity.objects.get(code=code),
                procedure=procedure,
                month=date(2026, month, 1),
                received=25,
                decided=20,
                decided_on_time=on_time // 2,
                tacit=1,
                days={"4": 10, "12": 10},
            )
    rank(Period(2026, 3))


def test_the_national_ranking_lists_the_best_first(client, ranked):
    page = client.get(f"/fr/transparency/?period={Q3}").content.decode()
    assert page.index("Tiznit") < page.index("Chefchaouen")
    assert 'property="og:image"' in page and "/open-data/cards/top-ten.png?period=2026-Q3" in page
    assert 'name="twitter:card" content="summary_large_image"' in page


def test_a_regions_ranking_holds_only_its_collectivities(client, ranked):
    page = client.get(f"/ar/transparency/regions/09./?period={Q3}").content.decode()
    assert "تزنيت" in page and "شفشاون" not in page


def test_the_scorecard_shows_its_figures_with_charts_and_their_table(client, ranked):
    page = client.get(f"/fr/transparency/{CHEFCHAOUEN}/?period={Q3}").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert "<table>" in page and "2026-08" in page
    assert "75 %" in page  # 30 of 40 decided within the due date


def test_the_methodology_states_the_published_weights(client):
    page = client.get("/fr/transparency/methodology/").content.decode()
    assert "50" in page and "20" in page and "15" in page


def test_open_data_and_api_give_the_same_ranking(client, ranked):
    csv = client.get(f"/open-data/ranking/{Q3}.csv").content.decode().splitlines()
    assert csv[0].startswith("period,code,name_fr") and TIZNIT in csv[1]
    api = client.get(f"/api/v1/transparency/ranking?period={Q3}").json()
    assert [r["code"] for r in api["results"]][:2] == [TIZNIT, CHEFCHAOUEN]
    indicators = client.get(f"/api/v1/transparency/indicators/{CHEFCHAOUEN}").json()
    assert indicators["count"] == 2 and indicators["results"][0]["median_days"] == 4.0


def test_a_wrong_period_is_a_clear_error(client, ranked):
    response = client.get("/api/v1/transparency/ranking?period=2026-Q7", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400 and "period" in response.json()["error"]["fields"]
    assert client.get("/fr/transparency/?period=hier").status_code == 404


def test_the_share_cards_are_1200_by_630_images(client, ranked):
    for url in (
        f"/open-data/cards/top-ten.png?period={Q3}",
        f"/open-data/cards/{TIZNIT}.png?period={Q3}",
    ):
        response = client.get(url)
        assert response["Content-Type"] == "image/png"
        assert Image.open(BytesIO(response.content)).size == (1200, 630)


def test_the_public_pages_are_cached_for_visitors_never_for_the_signed_in(client, citizen):
    first = client.get("/fr/transparency/")
    assert "max-age=300" in first["Cache-Control"]
    client.force_login(citizen)
    signed_in = client.get("/fr/transparency/")
    assert "max-age" not in signed_in.get("Cache-Control", "")
    assert "no-store" in signed_in["Cache-Control"]


def test_in_a_quarters_first_days_the_ranking_shows_the_last_quarter_that_ranks(client, ranked):
    """On 1 January nobody has the decisions to be ranked in the new quarter yet: the page
    shows the last quarter that ranks someone, not an empty table."""
    rank(Period(2026, 4))  # ranked, but with no figures: nobody is ranked in it
    page = client.get("/fr/transparency/").content.decode()
    assert "Tiznit" in page and "Chefchaouen" in page
    ranked_api = client.get("/api/v1/transparency/ranking").json()["results"]
    assert {r["period"] for r in ranked_api} == {Q3}
