import pytest
from django.utils import translation

from idara.catalog.form_schema import FormSchemaInvalid, check_form_schema, validate_form_data
from idara.catalog.form_schemas import SCHEMAS
from idara.catalog.schema_form import SchemaForm

EXTRACT = SCHEMAS["extrait-acte-naissance"]
PERMIT = SCHEMAS["permis-construire-petits-projets"]
GOOD_EXTRACT = {
    "family_name": "El Idrissi",
    "given_name": "Amina",
    "birth_date": "1990-04-12",
    "act_number": 1234,
    "act_year": 1990,
    "relation": "self",
    "copies": 2,
}


@pytest.mark.parametrize("slug", sorted(SCHEMAS))
def test_every_shipped_form_is_a_valid_schema_with_labels_in_both_languages(slug):
    check_form_schema(SCHEMAS[slug])


@pytest.mark.parametrize(
    "schema, words",
    [
        ([], "JSON object"),
        ({"type": "object", "properties": {"a": {"type": "strin"}}}, "not valid JSON Schema"),
        ({"type": "array"}, "object with properties"),
        (
            {"type": "object", "properties": {"a": {"type": "string"}}},
            "label in Arabic and in French",
        ),
        (
            {
                "type": "object",
                "properties": {"a": {"type": "object", "x-label": {"ar": "أ", "fr": "a"}}},
            },
            "type among",
        ),
        ({"type": "object", "properties": {}, "required": ["ghost"]}, "do not exist: ghost"),
    ],
)
def test_a_schema_that_does_not_parse_is_refused(schema, words):
    with translation.override("en"), pytest.raises(FormSchemaInvalid, match=words):
        check_form_schema(schema)


def test_valid_data_passes():
    assert validate_form_data(EXTRACT, GOOD_EXTRACT) == {}


def test_each_error_is_named_by_its_field_in_the_callers_language():
    bad = GOOD_EXTRACT | {"act_year": 1850, "relation": "cousin", "birth_date": "12/04/1990"}
    del bad["family_name"]
    with translation.override("fr"):
        errors = validate_form_data(EXTRACT, bad | {"colour": "blue"})
    assert errors == {
        "family_name": ["Ce champ est obligatoire."],
        "act_year": ["Saisissez une valeur d’au moins 1900."],
        "relation": ["Choisissez l’une des valeurs proposées."],
        "birth_date": ["Saisissez une date valide (AAAA-MM-JJ)."],
        "colour": ["Ce champ ne fait pas partie du formulaire."],
    }
    with translation.override("ar"):
        errors = validate_form_data(EXTRACT, {})
    assert errors["act_number"] == ["هذا الحقل إلزامي."]


def test_a_pattern_error_carries_the_fields_hint():
    with translation.override("fr"):
        errors = validate_form_data(PERMIT, {"land_title": "TF 12 345"})
    assert errors["land_title"] == ["Le format n’est pas valide. Par exemple 12345/07"]


def test_the_html_form_and_the_api_give_the_same_verdict():
    """One validator for both: the browser's text is converted, then validated as the API is."""
    posted = {k: str(v) for k, v in GOOD_EXTRACT.items()}
    form = SchemaForm(EXTRACT, data=posted)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == GOOD_EXTRACT
    with translation.override("fr"):
        form = SchemaForm(EXTRACT, data=posted | {"act_number": "douze", "copies": ""})
        api = validate_form_data(EXTRACT, GOOD_EXTRACT | {"act_number": "douze", "copies": None})
        assert not form.is_valid()
        assert form.errors["act_number"] == api["act_number"] == ["Saisissez un nombre entier."]
        assert form.errors["copies"] == ["Ce champ est obligatoire."]


def test_the_html_form_draws_each_kind_of_field():
    html = SchemaForm(PERMIT).as_div()
    assert 'inputmode="decimal"' in html  # surfaces
    assert 'inputmode="numeric"' in html  # floors
    assert "<select" in html  # use
    assert 'aria-required="true"' in html
    assert 'type="date"' in SchemaForm(EXTRACT).as_div()


@pytest.mark.parametrize("typed", ["25 m²", "25m2", "25 M2", "25", "25,0 م²", "25 متر مربع"])
def test_a_surface_is_read_with_or_without_its_unit(typed):
    """Issue 25: ""25 m²" is refused as "Saisissez un nombre.""."""
    form = SchemaForm(PERMIT, data={"built_surface": typed})
    form.is_valid()
    assert "built_surface" not in form.errors
    assert form.cleaned_data["built_surface"] == 25


def test_thousands_apart_are_read_and_the_unit_is_in_the_label():
    form = SchemaForm(PERMIT, data={"parcel_surface": "1 200,5 m²"})
    form.is_valid()
    assert form.cleaned_data["parcel_surface"] == 1200.5
    with translation.override("fr"):
        assert "Surface du terrain (m²)" in SchemaForm(PERMIT).as_div()
