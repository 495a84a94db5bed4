"""A fee set by a formula: a rate, per square metre (or month, or panel) of what the applicant
declares, chosen by activity type or use. The collectivity's fiscal decree gives the figures;
the formula is stored as data on its offering, checked against the procedure's form, and the
same function computes the fee shown before filing, on the receipt and at the till.

A rule is a dict:
    {"rate_mad": "10.00",               # the rate where no other applies
     "per": ["built_surface"],          # numeric answers the rate multiplies (none: flat)
     "by": "use",                       # an answer with a list of choices that picks the rate
     "rates_mad": {"commerce": "15.00"},  # the rate of each choice that differs
     "minimum_mad": "100.00"}           # never less than this
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
KEYS = {"rate_mad", "per", "by", "rates_mad", "minimum_mad"}


class FeeRuleError(ValueError):
    """What is wrong with a rule, in the administrator's language."""


def fee_for(rule: dict, answers: dict) -> Decimal:
    """The fee the rule sets for these answers, in dirhams, to the centime (half up)."""
    rate = _rate(rule, answers)
    for name in rule.get("per", []):
        rate *= Decimal(str(answers[name]))
    amount = max(rate, Decimal(rule.get("minimum_mad") or 0))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _rate(rule: dict, answers: dict) -> Decimal:
    chosen = answers.get(rule["by"]) if rule.get("by") else None
    return Decimal(rule.get("rates_mad", {}).get(chosen, rule["rate_mad"]))


def check_rule(rule: dict, schema: dict) -> dict:
    """The rule, normalised, if every part of it fits the procedure's form; else FeeRuleError."""
    if not isinstance(rule, dict) or not rule.keys() <= KEYS or "rate_mad" not in rule:
        raise FeeRuleError(_("A fee formula needs a rate, and only the parts described."))
    properties = schema.get("properties", {})
    per = rule.get("per") or []
    if not isinstance(per, list):
        raise FeeRuleError(_("The quantities must be a list of the form's fields."))
    for name in per:
        if properties.get(name, {}).get("type") not in ("number", "integer"):
            raise FeeRuleError(_("The form has no number field named %(name)s.") % {"name": name})
        if name not in schema.get("required", []):
            raise FeeRuleError(
                _("The field %(name)s is optional: a fee cannot depend on it.") % {"name": name}
            )
    checked = {"rate_mad": _amount(rule["rate_mad"]), "per": per}
    if rule.get("by"):
        checked |= _check_choices(rule, properties)
    if rule.get("minimum_mad") not in (None, ""):
        checked["minimum_mad"] = _amount(rule["minimum_mad"])
    return checked


def _check_choices(rule: dict, properties: dict) -> dict:
    choices = properties.get(rule["by"], {}).get("enum")
    if not choices:
        raise FeeRuleError(
            _("The form has no list of choices named %(name)s.") % {"name": rule["by"]}
        )
    rates = rule.get("rates_mad") or {}
    if not isinstance(rates, dict):
        raise FeeRuleError(_("Give the rates as a choice and its amount."))
    unknown = sorted(set(rates) - set(choices))
    if unknown:
        raise FeeRuleError(
            _("These are not choices of the form: %(names)s.") % {"names": ", ".join(unknown)}
        )
    return {"by": rule["by"], "rates_mad": {k: _amount(v) for k, v in rates.items()}}


def _amount(value) -> str:
    try:
        amount = Decimal(str(value).replace(",", ".").strip())
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or not 0 <= amount < 10_000_000:
        raise FeeRuleError(_("%(value)s is not an amount in dirhams.") % {"value": value})
    return str(amount.quantize(CENT))


def describe(rule: dict, schema: dict, language: str) -> str:
    """The rule in words, in the reader's language, from the labels of the form."""
    properties = schema.get("properties", {})

    def label(name: str) -> str:
        labels = properties.get(name, {}).get("x-label", {})
        return labels.get(language) or labels.get("fr") or name

    quantities = " × ".join(label(name) for name in rule.get("per", []))
    parts = []
    choices = properties.get(rule.get("by"), {}).get("x-enum-labels", {})
    for choice, rate in rule.get("rates_mad", {}).items():
        name = choices.get(choice, {}).get(language) or choice
        parts.append(f"{name}: {_rate_words(rate, quantities)}")
    default = _rate_words(rule["rate_mad"], quantities)
    parts.append(_("otherwise: %(rate)s") % {"rate": default} if parts else default)
    if rule.get("minimum_mad"):
        parts.append(_("at least %(amount)s MAD") % {"amount": rule["minimum_mad"]})
    return "; ".join(parts)


def _rate_words(rate: str, quantities: str) -> str:
    if not quantities:
        return _("%(rate)s MAD") % {"rate": rate}
    return _("%(rate)s MAD × %(quantities)s") % {"rate": rate, "quantities": quantities}
