"""A fee set by a formula (the commune's fiscal decree): computed from the application."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from idara.catalog import selectors
from idara.catalog.fees import FeeRuleError, check_rule, describe, fee_for
from idara.catalog.form_schemas import SCHEMAS
from idara.catalog.rules import RuleBroken
from idara.catalog.services import OfferingChanges, set_offering
from idara.territories.models import ServiceKind

BUILDING = SCHEMAS["permis-construire-petits-projets"]
OCCUPATION = SCHEMAS["aot-terrasse-enseigne"]
PER_M2_BY_USE = {
    "rate_mad": "10.00",
    "per": ["built_surface"],
    "by": "use",
    "rates_mad": {"commerce": "15.00"},
    "minimum_mad": "200.00",
}


def test_a_rate_per_square_metre_of_built_surface():
    assert fee_for(PER_M2_BY_USE, {"built_surface": 120, "use": "housing"}) == Decimal("1200.00")


def test_the_rate_of_the_use_chosen_applies():
    assert fee_for(PER_M2_BY_USE, {"built_surface": 120, "use": "commerce"}) == Decimal("1800.00")


def test_never_less_than_the_minimum():
    assert fee_for(PER_M2_BY_USE, {"built_surface": 12, "use": "housing"}) == Decimal("200.00")


def test_per_square_metre_and_per_month():
    rule = {"rate_mad": "20", "per": ["surface", "duration_months"]}
    assert fee_for(rule, {"surface": 6.5, "duration_months": 12}) == Decimal("1560.00")


def test_a_flat_rate_per_activity_type():
    rule = {"rate_mad": "300", "by": "occupation", "rates_mad": {"sign": "150"}}
    assert fee_for(rule, {"occupation": "sign"}) == Decimal("150.00")
    assert fee_for(rule, {"occupation": "terrace"}) == Decimal("300.00")


def test_rounded_to_the_centime_half_up():
    rule = {"rate_mad": "0.125", "per": ["built_surface"]}
    assert fee_for(rule, {"built_surface": 1}) == Decimal("0.13")


@given(surface=st.decimals(min_value="0.01", max_value="100000", places=2))
def test_the_fee_grows_with_the_surface_at_the_rate(surface):
    rule = {"rate_mad": "10", "per": ["built_surface"]}
    assert fee_for(rule, {"built_surface": surface}) == (surface * 10).quantize(Decimal("0.01"))


def test_a_rule_that_fits_the_form_is_kept_normalised():
    assert check_rule(PER_M2_BY_USE, BUILDING) == {
        "rate_mad": "10.00",
        "per": ["built_surface"],
        "by": "use",
        "rates_mad": {"commerce": "15.00"},
        "minimum_mad": "200.00",
    }


@pytest.mark.parametrize(
    "rule, message",
    [
        ({"per": ["built_surface"]}, "needs a rate"),
        ({"rate_mad": "10", "per": ["height"]}, "no number field named height"),
        ({"rate_mad": "10", "per": ["address"]}, "no number field named address"),
        ({"rate_mad": "ten"}, "ten is not an amount"),
        ({"rate_mad": "-1"}, "-1 is not an amount"),
        ({"rate_mad": "10", "by": "address"}, "no list of choices named address"),
        ({"rate_mad": "10", "by": "use", "rates_mad": {"castle": "9"}}, "castle"),
        ({"rate_mad": "10", "formula": "x"}, "only the parts"),
    ],
)
def test_a_rule_that_does_not_fit_the_form_is_refused(rule, message):
    with translation.override("en"), pytest.raises(FeeRuleError, match=message):
        check_rule(rule, BUILDING)


def test_the_rule_reads_in_each_language():
    with translation.override("fr"):
        text = describe(check_rule(PER_M2_BY_USE, BUILDING), BUILDING, "fr")
    assert "Commerce ou bureaux: 15.00 MAD × Surface à construire (plancher)" in text
    assert "10.00 MAD × Surface à construire (plancher)" in text
    with translation.override("ar"):
        assert "المساحة المغطاة المزمع بناؤها" in describe(PER_M2_BY_USE, BUILDING, "ar")


@pytest.fixture
def building(catalogue):
    return selectors.procedure("permis-construire-petits-projets")


def _changes(commune, **fee):
    return OfferingChanges(
        online=True, service=commune.services.get(kind=ServiceKind.URBANISM), **fee
    )


def test_the_commune_sets_a_formula_and_its_fiche_computes_it(building, commune, admin):
    set_offering(admin, commune, building, _changes(commune, local_fee_rule=PER_M2_BY_USE))
    fiche = selectors.fiche(building, commune)
    assert fiche.fee.amount_for({"built_surface": 80, "use": "commerce"}) == Decimal("1200.00")
    assert "15.00 MAD" in fiche.fee.formula_fr


def test_a_wrong_formula_changes_nothing(building, commune, admin):
    with translation.override("en"), pytest.raises(RuleBroken, match="no number field"):
        set_offering(
            admin,
            commune,
            building,
            _changes(commune, local_fee_rule={"rate_mad": "5", "per": ["lots"]}),
        )
    assert not building.offerings.filter(collectivity=commune).exists()


def test_an_amount_and_a_formula_together_are_refused(building, commune, admin):
    changes = _changes(commune, local_fee_mad=Decimal("100"), local_fee_rule={"rate_mad": "5"})
    with translation.override("en"), pytest.raises(RuleBroken, match="not both"):
        set_offering(admin, commune, building, changes)
