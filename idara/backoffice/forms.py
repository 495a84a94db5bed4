from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from idara.accounts import lockout
from idara.catalog import document_types
from idara.catalog.models import FeeKind
from idara.territories.models import ServiceKind


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def clean(self):
        email = self.cleaned_data.get("username") or ""
        if lockout.is_locked(email):
            raise forms.ValidationError(
                _("Too many failed attempts: wait %(minutes)s minutes, then try again.")
                % {"minutes": lockout.LOCK_SECONDS // 60},
                code="locked",
            )
        return super().clean()


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6 digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _text_input(lang: str, direction: str) -> forms.TextInput:
    return forms.TextInput(attrs={"lang": lang, "dir": direction})


def _text_area(lang: str, direction: str, rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "lang": lang, "dir": direction})


class CollectivityNamesForm(forms.Form):
    name_ar = forms.CharField(
        label=_("Name in Arabic"), max_length=200, widget=_text_input("ar", "rtl")
    )
    name_fr = forms.CharField(
        label=_("Name in French"), max_length=200, widget=_text_input("fr", "ltr")
    )
    name_zgh = forms.CharField(
        label=_("Name in Tamazight (Tifinagh)"),
        max_length=200,
        required=False,
        widget=_text_input("zgh", "ltr"),
    )


class OfferingForm(forms.Form):
    """What a collectivity's administrator sets for one procedure."""

    online = forms.BooleanField(label=_("Offer this procedure online"), required=False)
    service = forms.ModelChoiceField(
        label=_("Service that handles it"), queryset=None, required=False
    )
    local_fee_mad = forms.DecimalField(
        label=_("Fee in dirhams, by the collectivity's fiscal decree"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    local_fee_formula_fr = forms.CharField(
        label=_("Or the fee's formula in words, in French"),
        required=False,
        max_length=500,
        widget=_text_input("fr", "ltr"),
    )
    local_fee_formula_ar = forms.CharField(
        label=_("The fee's formula in words, in Arabic"),
        required=False,
        max_length=500,
        widget=_text_input("ar", "rtl"),
    )
    local_fee_basis = forms.CharField(
        label=_("Reference of the fiscal decree"), required=False, max_length=200
    )
    local_deadline_days = forms.IntegerField(
        label=_("A shorter deadline, in days"), required=False, min_value=0, max_value=60
    )

    LOCAL_FEE_FIELDS = (
        "local_fee_mad",
        "local_fee_formula_fr",
        "local_fee_formula_ar",
        "local_fee_basis",
    )

    def __init__(self, *args, services, documents, fee_is_local: bool, schema=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["service"].label_from_instance = lambda service: service.name
        if not fee_is_local:  # set nationally: nothing for the collectivity to set
            for name in self.LOCAL_FEE_FIELDS:
                del self.fields[name]
        self.formula = FeeFormulaFields(self, schema or {}) if fee_is_local else None
        self.documents = documents
        for document in documents:
            self.fields[f"max_size_{document.code}"] = forms.IntegerField(
                label=_("Size limit of “%(name)s”, in MB") % {"name": document.name_fr},
                required=False,
                min_value=1,
                max_value=document.max_size_mb,
                help_text=_("At most %(n)s MB (national limit).") % {"n": document.max_size_mb},
            )

    def document_limits(self) -> dict:
        limits = {}
        for document in self.documents:
            size = self.cleaned_data.get(f"max_size_{document.code}")
            if size and size != document.max_size_mb:
                limits[document.code] = {"max_size_mb": size}
        return limits


class FeeFormulaFields:
    """The fee's formula, field by field, from the procedure's form: a rate, the quantities it
    multiplies, and a rate per choice of one of the form's lists (catalog.fees)."""

    def __init__(self, form: forms.Form, schema: dict):
        self.form = form
        properties = schema.get("properties", {})
        required = schema.get("required", [])
        self.quantities = [
            (name, _label(spec))
            for name, spec in properties.items()
            if spec.get("type") in ("number", "integer") and name in required
        ]
        self.lists = {name: spec for name, spec in properties.items() if spec.get("enum")}
        if not self.quantities and not self.lists:
            return
        form.fields["fee_rate_mad"] = forms.DecimalField(
            label=_("Computed fee: rate in dirhams"),
            required=False,
            min_value=0,
            max_digits=10,
            decimal_places=2,
        )
        form.fields["fee_per"] = forms.MultipleChoiceField(
            label=_("multiplied by"),
            choices=self.quantities,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
        form.fields["fee_by"] = forms.ChoiceField(
            label=_("with a different rate for each choice of"),
            choices=[("", _("(one rate for all)"))]
            + [(name, _label(spec)) for name, spec in self.lists.items()],
            required=False,
        )
        for name, spec in self.lists.items():
            for option in spec["enum"]:
                form.fields[f"fee_rate__{name}__{option}"] = forms.DecimalField(
                    label=_("Rate for “%(choice)s”")
                    % {"choice": _label(spec.get("x-enum-labels", {}).get(option, {}), option)},
                    required=False,
                    min_value=0,
                    max_digits=10,
                    decimal_places=2,
                )
        form.fields["fee_minimum_mad"] = forms.DecimalField(
            label=_("Minimum fee in dirhams"),
            required=False,
            min_value=0,
            max_digits=10,
            decimal_places=2,
        )

    def rule(self) -> dict:
        """The formula as typed (checked by the catalogue's service), or {} for none."""
        data = self.form.cleaned_data
        if data.get("fee_rate_mad") is None:
            return {}
        rule = {"rate_mad": str(data["fee_rate_mad"]), "per": data.get("fee_per") or []}
        by = data.get("fee_by")
        if by:
            rule["by"] = by
            rule["rates_mad"] = {
                option: str(data[f"fee_rate__{by}__{option}"])
                for option in self.lists[by]["enum"]
                if data.get(f"fee_rate__{by}__{option}") is not None
            }
        if data.get("fee_minimum_mad") is not None:
            rule["minimum_mad"] = str(data["fee_minimum_mad"])
        return rule

    @staticmethod
    def initial(rule: dict) -> dict:
        if not rule:
            return {}
        initial = {
            "fee_rate_mad": rule["rate_mad"],
            "fee_per": rule.get("per", []),
            "fee_by": rule.get("by", ""),
            "fee_minimum_mad": rule.get("minimum_mad"),
        }
        for option, rate in rule.get("rates_mad", {}).items():
            initial[f"fee_rate__{rule['by']}__{option}"] = rate
        return initial


def _label(spec: dict, default: str = "") -> str:
    labels = spec.get("x-label", spec)
    return labels.get(get_language()) or labels.get("fr") or default


class BulkOfferingForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    region = forms.ModelChoiceField(
        label=_("Communes of the region"),
        queryset=None,
        required=False,
        empty_label=_("All the communes of the country"),
    )

    def __init__(self, *args, categories, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories
        self.fields["region"].queryset = regions


NOT_PUBLISHED = [("", _("Not published"))]


def _yes_no(yes: str, no: str) -> list:
    return NOT_PUBLISHED + [("1", yes), ("0", no)]


def _optional_bool(value: str):
    return {"1": True, "0": False}.get(value)


class VersionForm(forms.Form):
    """A new version of a fiche, as the national supervisor edits it."""

    name_fr = forms.CharField(
        label=_("Name in French"), max_length=300, widget=_text_input("fr", "ltr")
    )
    name_ar = forms.CharField(
        label=_("Name in Arabic"), max_length=300, required=False, widget=_text_input("ar", "rtl")
    )
    competent_authority = forms.CharField(
        label=_("Competent authority"),
        required=False,
        widget=_text_area("fr", "ltr"),
    )
    competent_authority_ar = forms.CharField(
        label=_("Competent authority, in Arabic"),
        required=False,
        widget=_text_area("ar", "rtl"),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis, one text per line"),
        required=False,
        widget=_text_area("fr", "ltr", rows=4),
    )
    legal_basis_ar = forms.CharField(
        label=_("Legal basis in Arabic, one text per line, in the same order"),
        required=False,
        widget=_text_area("ar", "rtl", rows=4),
    )
    fee_details_ar = forms.CharField(
        label=_("Details of the fee, in Arabic"),
        required=False,
        widget=_text_area("ar", "rtl"),
    )
    user_deadline_ar = forms.CharField(
        label=_("The applicant's own deadline, in Arabic"),
        required=False,
        widget=_text_area("ar", "rtl"),
    )
    fee_kind = forms.ChoiceField(label=_("Fee"), choices=FeeKind.choices)
    fee_mad = forms.DecimalField(
        label=_("Amount in dirhams"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    fee_formula_fr = forms.CharField(label=_("Formula in French"), required=False, max_length=500)
    fee_formula_ar = forms.CharField(label=_("Formula in Arabic"), required=False, max_length=500)
    deadline_days = forms.IntegerField(
        label=_("Deadline in days"),
        required=False,
        min_value=0,
        help_text=_("Leave empty if it is not published: the ceiling of Law 55-19 applies."),
    )
    deadline_working_days = forms.TypedChoiceField(
        label=_("Days counted"),
        required=False,
        coerce=_optional_bool,
        empty_value=None,
        choices=_yes_no(_("Working days"), _("Calendar days")),
    )
    investment_linked = forms.BooleanField(
        label=_("Act linked to investment (30-day ceiling)"), required=False
    )
    silence_means_acceptance = forms.TypedChoiceField(
        label=_("Silence means acceptance (decree n° 2-22-141)"),
        required=False,
        coerce=_optional_bool,
        empty_value=None,
        choices=_yes_no(_("Yes"), _("No")),
    )
    extension_days = forms.IntegerField(
        label=_("Extension allowed, in days (0: none)"), min_value=0, initial=0
    )
    extension_basis = forms.CharField(
        label=_("Text that lists this act as needing an expertise or a public enquiry"),
        required=False,
        max_length=300,
        help_text=_(
            "Decree n° 2-22-386 for an act of the State, the Interior minister's order for an "
            "act of a collectivity. Without it, no extension is possible."
        ),
    )
    appeal_days = forms.IntegerField(label=_("Appeal deadline, in days"), min_value=1, initial=30)
    service_kind = forms.ChoiceField(
        label=_("Service that handles it"), choices=ServiceKind.choices
    )
    documents_not_required = forms.BooleanField(label=_("No document is required"), required=False)
    form_schema = forms.JSONField(
        label=_("Form schema (JSON Schema)"),
        widget=forms.Textarea(attrs={"rows": 12, "dir": "ltr", "lang": "en"}),
    )
    effective_from = forms.DateField(
        label=_("In force from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Why this new version"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("legal_basis", "legal_basis_ar"):
            data[name] = [line.strip() for line in data[name].splitlines() if line.strip()]
        data["legal_basis_ar"] = data["legal_basis_ar"] or None
        for name in ("effective_from", "reason"):
            data.pop(name)
        return data


class DocumentForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    document_type = forms.ChoiceField(
        label=_("Type of document"),
        choices=lambda: [("", "—"), *document_types.choices()],
        required=False,
        help_text=_("The rules (documents the platform holds, forbidden copies) go by the type."),
    )
    name_fr = forms.CharField(label=_("Name in French"), max_length=500)
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=500, required=False)
    mandatory = forms.BooleanField(label=_("Required"), required=False)
    sworn_statement_allowed = forms.BooleanField(
        label=_("A declaration on honour may replace it (Law 55-19, art. 7)"), required=False
    )
    max_size_mb = forms.IntegerField(label=_("Size limit (MB)"), min_value=1, max_value=200)


DocumentFormSet = forms.formset_factory(DocumentForm, extra=2, can_delete=True)


def documents_from(formset) -> list[dict]:
    return [
        {
            k: v
            for k, v in form.cleaned_data.items()
            if k != "DELETE" and not (k == "document_type" and not v)
        }
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
