"""The HTML form drawn from a procedure's form schema. It converts what the browser
sends and hands it to the same validator as the API (form_schema.validate_form_data)."""

import math
import re

from django import forms

from idara.catalog.form_schema import NON_FIELD, localized, validate_form_data


class SchemaForm(forms.Form):
    def __init__(self, schema: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema = schema
        required = set(schema.get("required", []))
        for name, spec in schema.get("properties", {}).items():
            self.fields[name] = _field(spec, name in required)

    def clean(self):
        data = {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}
        data = {name: _convert(self.schema["properties"][name], v) for name, v in data.items()}
        for field, messages in validate_form_data(self.schema, data).items():
            for message in messages:
                self.add_error(None if field == NON_FIELD else field, message)
        return data


def _field(spec: dict, required: bool) -> forms.Field:
    attrs = {"aria-required": "true"} if required else {}
    label = localized(spec.get("x-label"))
    common = {
        "label": f"{label} ({spec['x-unit']})" if spec.get("x-unit") else label,
        "help_text": localized(spec.get("x-hint")),
        "required": False,  # the schema validator says what is missing, in one voice
    }
    if "enum" in spec:
        labels = spec.get("x-enum-labels", {})
        choices = [("", "—")] + [(v, localized(labels.get(v)) or v) for v in spec["enum"]]
        return forms.ChoiceField(choices=choices, widget=forms.Select(attrs=attrs), **common)
    if spec.get("format") == "date":
        return forms.CharField(widget=forms.DateInput(attrs=attrs | {"type": "date"}), **common)
    if spec["type"] in ("integer", "number"):
        return forms.CharField(widget=forms.TextInput(attrs=attrs | _number_attrs(spec)), **common)
    if spec["type"] == "boolean":
        return forms.BooleanField(**common)
    limits = {"maxlength": spec["maxLength"]} if "maxLength" in spec else {}
    if spec.get("x-widget") == "textarea":
        return forms.CharField(widget=forms.Textarea(attrs=attrs | limits | {"rows": 3}), **common)
    return forms.CharField(widget=forms.TextInput(attrs=attrs | limits), **common)


def _number_attrs(spec: dict) -> dict:
    # A text input with a numeric keyboard: type=number silently drops what it cannot parse.
    mode = "numeric" if spec["type"] == "integer" else "decimal"
    return {"inputmode": mode}


# How people write the units the forms ask in ("25 m²", "25m2", "1 200 DH"): dropped, since the
# field's unit is said in its label.
UNITS = {
    "m²": re.compile(r"(m²|m2|م²|م2|متر مربع|مترا مربعا)$", re.IGNORECASE),
    "MAD": re.compile(r"(mad|dhs?|dirhams?|درهما?)$", re.IGNORECASE),
}


def _as_typed_number(spec: dict, value) -> str:
    """The number alone: without its unit and the spaces between its thousands."""
    text = str(value).strip()
    unit = UNITS.get(spec.get("x-unit", ""))
    if unit:
        text = unit.sub("", text).strip()
    return re.sub(r"[\s\u00a0\u202f]", "", text)


def _convert(spec: dict, value):
    """Turn the browser's text into the schema's type; leave it as text if it is not one,
    so that the validator names the error."""
    try:
        if spec["type"] == "integer":
            return int(_as_typed_number(spec, value))
        if spec["type"] == "number":
            number = float(_as_typed_number(spec, value).replace(",", "."))
            if not math.isfinite(number):
                return value
            return int(number) if number.is_integer() else number
    except ValueError:
        return value
    return value
