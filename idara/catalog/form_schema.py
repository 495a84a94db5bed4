"""A procedure's form: a JSON Schema (draft 2020-12) object, checked when published,
and the one validator that both the HTML form and the API call on what applicants send."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import SchemaError

FIELD_TYPES = {"string", "integer", "number", "boolean"}
NON_FIELD = "__all__"


class FormSchemaInvalid(ValueError):
    pass


def check_form_schema(schema) -> None:
    """Refuse a schema that does not parse or that the forms cannot draw."""
    if not isinstance(schema, dict):
        raise FormSchemaInvalid(_("The form schema must be a JSON object."))
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise FormSchemaInvalid(
            _("The form schema is not valid JSON Schema: %(error)s") % {"error": error.message}
        )
    properties = schema.get("properties")
    if schema.get("type") != "object" or not isinstance(properties, dict):
        raise FormSchemaInvalid(_("The form schema must be an object with properties."))
    for name, field in properties.items():
        _check_field(name, field)
    unknown = set(schema.get("required", [])) - set(properties)
    if unknown:
        raise FormSchemaInvalid(
            _("Required fields that do not exist: %(names)s")
            % {"names": ", ".join(sorted(unknown))}
        )


def _check_field(name: str, field: dict) -> None:
    if field.get("type") not in FIELD_TYPES:
        raise FormSchemaInvalid(
            _("The field %(name)s must have a type among string, integer, number, boolean.")
            % {"name": name}
        )
    label = field.get("x-label")
    if not (isinstance(label, dict) and label.get("ar") and label.get("fr")):
        raise FormSchemaInvalid(
            _("The field %(name)s needs a label in Arabic and in French (x-label).")
            % {"name": name}
        )


def validate_form_data(schema: dict, data) -> dict[str, list[str]]:
    """The applicant's data against the schema: {field: [messages]} in the active language."""
    if not isinstance(data, dict):
        return {NON_FIELD: [_("The form data must be a JSON object.")]}
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    errors: dict[str, list[str]] = {}
    for error in validator.iter_errors(data):
        for field, message in _explain(error, schema):
            if message not in errors.setdefault(field, []):
                errors[field].append(message)
    return errors


def _explain(error, schema) -> list[tuple[str, str]]:
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [(name, _("This field is required.")) for name in missing]
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(schema.get("properties", {})))
        return [(name, _("This field is not part of the form.")) for name in extra]
    field = str(error.path[0]) if error.path else NON_FIELD
    prop = schema.get("properties", {}).get(field, {})
    return [(field, _message(error, prop))]


def _message(error, prop: dict) -> str:
    limit = error.validator_value
    messages = {
        "type": _type_message(prop.get("type")),
        "enum": _("Choose one of the listed values."),
        "pattern": _("The format is not valid.") + _hint_suffix(prop),
        "format": _("Enter a valid date (YYYY-MM-DD).")
        if prop.get("format") == "date"
        else _("The format is not valid."),
        "minimum": _("Enter a value of at least %(limit)s.") % {"limit": limit},
        "exclusiveMinimum": _("Enter a value greater than %(limit)s.") % {"limit": limit},
        "maximum": _("Enter a value of at most %(limit)s.") % {"limit": limit},
        "minLength": _("This field is required."),
        "maxLength": _("Enter at most %(limit)s characters.") % {"limit": limit},
    }
    return messages.get(error.validator, _("This value is not valid."))


def _type_message(expected: str | None) -> str:
    return {
        "integer": _("Enter a whole number."),
        "number": _("Enter a number."),
        "boolean": _("Answer yes or no."),
    }.get(expected, _("Enter a text."))


def _hint_suffix(prop: dict) -> str:
    hint = localized(prop.get("x-hint"))
    return f" {hint}" if hint else ""


def localized(texts) -> str:
    """A {"ar", "fr"} text in the active language (French where Arabic is missing)."""
    if not isinstance(texts, dict):
        return ""
    return texts.get(get_language() or "ar") or texts.get("fr") or ""


def readable_answers(schema: dict, data: dict) -> list[tuple[str, str]]:
    """The applicant's answers as a reader sees them: (label, value) in the active language,
    choices by their label rather than their code."""
    answers = []
    for name, prop in schema.get("properties", {}).items():
        answers.append((localized(prop.get("x-label")), _readable(prop, data.get(name))))
    return answers


def _readable(prop: dict, value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    label = localized(prop.get("x-enum-labels", {}).get(value)) if "enum" in prop else ""
    return label or str(value)


def condition_in_words(required_when: dict | None, schema: dict) -> str:
    """R1: when a document is required, as the applicant reads it (with JavaScript off every
    document is shown, each with its condition)."""
    if not required_when:
        return ""
    prop = schema.get("properties", {}).get(required_when["field"], {})
    answers = [_quoted(_readable(prop, value)) for value in required_when["in"]]
    return _("required if your answer to %(question)s is %(answers)s") % {
        "question": _quoted(localized(prop.get("x-label"))),
        "answers": _(" or ").join(answers),
    }


def _quoted(text: str) -> str:
    return _("“%(text)s”") % {"text": text}


def example_answers(schema: dict) -> dict:
    """Answers that pass the schema, for the practice dossiers of the training mode: a field's
    own `examples` where it gives them, else the first choice or a plain value of its type."""
    return {
        name: _example(prop, localized(prop.get("x-label")))
        for name, prop in schema.get("properties", {}).items()
    }


def _example(prop: dict, label: str):
    if prop.get("examples"):
        return prop["examples"][0]
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type")
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        low = prop.get("minimum", prop.get("exclusiveMinimum", 0) + 1)
        return max(1, low) if prop.get("maximum", 1) >= 1 else low
    if prop.get("format") == "date":
        return "1990-04-12"
    return label[: prop.get("maxLength", 150)] or "—"
