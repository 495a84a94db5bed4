"""The fields of an act, checked the same way whether an agent types them or a CSV brings them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from idara.civil_status.models import Act, ActKind, Sex

ACT_FIELDS = [
    "kind",
    "year",
    "number",
    "family_name_ar",
    "given_name_ar",
    "family_name_fr",
    "given_name_fr",
    "sex",
    "event_date",
    "event_place_ar",
    "event_place_fr",
    "birth_date",
    "father_ar",
    "father_fr",
    "mother_ar",
    "mother_fr",
    "spouse_ar",
    "spouse_fr",
]
CORRECTABLE = [f for f in ACT_FIELDS if f not in ("kind", "year", "number")]


class ActForm(forms.ModelForm):
    class Meta:
        model = Act
        fields = ACT_FIELDS
        widgets = {
            "event_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        labels = {
            "kind": _("Kind of act"),
            "year": _("Year"),
            "number": _("Number"),
            "family_name_ar": _("Family name (Arabic)"),
            "given_name_ar": _("Given name (Arabic)"),
            "family_name_fr": _("Family name (Latin letters)"),
            "given_name_fr": _("Given name (Latin letters)"),
            "sex": _("Sex"),
            "event_date": _("Date of the event"),
            "event_place_ar": _("Place (Arabic)"),
            "event_place_fr": _("Place (Latin letters)"),
            "birth_date": _("Date of birth"),
            "father_ar": _("Father (Arabic)"),
            "father_fr": _("Father (Latin letters)"),
            "mother_ar": _("Mother (Arabic)"),
            "mother_fr": _("Mother (Latin letters)"),
            "spouse_ar": _("Spouse (Arabic)"),
            "spouse_fr": _("Spouse (Latin letters)"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ActKind.choices
        self.fields["sex"].choices = Sex.choices
        for name in ("event_date", "birth_date"):  # 12/04/1990 is April or December: ISO only
            self.fields[name].input_formats = ["%Y-%m-%d"]
            self.fields[name].error_messages["invalid"] = _("Enter a date as YYYY-MM-DD.")

    def clean(self):
        data = super().clean()
        year, event = data.get("year"), data.get("event_date")
        if year and event and event.year > year:
            self.add_error("event_date", _("The event cannot come after the year of its act."))
        if data.get("kind") == ActKind.BIRTH and event:
            data["birth_date"] = event
        return data

    def validate_unique(self):
        """The bureau is not a field of the form: the service checks the number is free."""
