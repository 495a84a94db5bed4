import re

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from idara.accounts.models import User
from idara.identity.models import MandateKind
from idara.identity.services import NewPerson

CNIE = re.compile(r"^[A-Z]{1,2}[0-9]{1,7}$")
MOBILE = re.compile(r"^(?:\+212|00212|0)([67][0-9]{8})$")
ARABIC_NAME = re.compile(r"^[\u0600-\u06FF\s'-]+$")
LATIN_NAME = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ\s'.-]+$")


def national_id_of(value: str) -> str:
    """The CNIE number as it is written on the card: capitals, no spaces."""
    cnie = re.sub(r"\s", "", value).upper()
    if not CNIE.match(cnie):
        raise forms.ValidationError(
            _("A CNIE number is one or two letters then digits, as on the card: AB123456."),
            code="cnie",
        )
    return cnie


def mobile_of(value: str) -> str:
    """A Moroccan mobile number, as +212 and nine digits."""
    found = MOBILE.match(re.sub(r"[\s.-]", "", value))
    if not found:
        raise forms.ValidationError(
            _("Give a Moroccan mobile number, like 06 12 34 56 78."), code="mobile"
        )
    return "+212" + found.group(1)


def _named(pattern, message):
    def check(value: str) -> str:
        value = " ".join(value.split())
        if not pattern.match(value):
            raise forms.ValidationError(message)
        return value

    return check


class NationalIdField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("CNIE number"))
        kwargs.setdefault("help_text", _("As on your national electronic identity card."))
        widget = forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr", "spellcheck": "false"})
        super().__init__(max_length=12, widget=widget, **kwargs)

    def clean(self, value):
        return national_id_of(super().clean(value))


class NamesMixin(forms.Form):
    """The names of a person, in Arabic and Latin letters."""

    full_name_ar = forms.CharField(
        label=_("Full name in Arabic letters"),
        max_length=200,
        widget=forms.TextInput(attrs={"lang": "ar", "dir": "rtl", "autocomplete": "name"}),
    )
    full_name = forms.CharField(
        label=_("Full name in Latin letters"),
        max_length=200,
        help_text=_("As on your card."),
        widget=forms.TextInput(attrs={"lang": "fr", "dir": "ltr", "autocomplete": "name"}),
    )

    def clean_full_name_ar(self):
        message = _("Write your name in Arabic letters.")
        return _named(ARABIC_NAME, message)(self.cleaned_data["full_name_ar"])

    def clean_full_name(self):
        message = _("Write your name in Latin letters.")
        return _named(LATIN_NAME, message)(self.cleaned_data["full_name"])


class SignUpForm(NamesMixin):
    field_order = ["email", "phone", "national_id", "full_name_ar", "full_name"]
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a link to it: open it to go on."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("We send a code to it by SMS once you have opened the link."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    national_id = NationalIdField()
    password1 = forms.CharField(
        label=_("Password"),
        help_text=_("At least 12 characters; not a common password."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()

    def clean_phone(self):
        return mobile_of(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            someone = User(email=data.get("email"), full_name=data.get("full_name", ""))
            try:
                validate_password(first, someone)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    def person(self) -> NewPerson:
        data = self.cleaned_data
        return NewPerson(
            email=data["email"],
            phone=data["phone"],
            national_id=data["national_id"],
            full_name=data["full_name"],
            full_name_ar=data["full_name_ar"],
            preferred_language=get_language() if get_language() in ("ar", "fr") else "ar",
            password=data["password1"],
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("The code received by SMS"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("The code is six digits."))
        return code


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=_("Code printed on the receipt"),
        max_length=12,
        help_text=_("Eight letters and digits, like KM4T-9XQA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )


class CounterPersonForm(NamesMixin):
    """Who an agent files for at the counter: known by the CNIE on the card they show."""

    field_order = ["national_id", "full_name_ar", "full_name", "phone"]
    national_id = NationalIdField(
        help_text=_("Read from the card the person shows you. No account is created.")
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        required=False,
        help_text=_("For the SMS that tell them where their application stands."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel", "dir": "ltr"}),
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        return mobile_of(phone) if phone.strip() else ""


class ProfileForm(NamesMixin):
    preferred_language = forms.ChoiceField(
        label=_("Language of my messages"), choices=[("ar", "العربية"), ("fr", "Français")]
    )
    wants_email = forms.BooleanField(label=_("Tell me by e-mail"), required=False)
    wants_sms = forms.BooleanField(label=_("Tell me by SMS"), required=False)


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("New e-mail address"),
        help_text=_("We send a link to it: the address changes when you open it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].lower()


class PhoneChangeForm(forms.Form):
    phone = forms.CharField(
        label=_("New mobile number"),
        max_length=20,
        help_text=_("We send a code to it by SMS."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )

    def clean_phone(self):
        return mobile_of(self.cleaned_data["phone"])


class CloseForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():  # signed in by the national identity only
            del self.fields["password"]

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("This is not your password."))
        return ""


class MandateForm(NamesMixin):
    """Who the representative acts for, and the proof of it."""

    field_order = ["kind", "national_id", "full_name_ar", "full_name", "order_number", "document"]
    kind = forms.ChoiceField(label=_("I act as"), choices=MandateKind.choices)
    national_id = NationalIdField(
        label=_("CNIE number of the person you act for"),
        help_text=_("They will follow the application in their own space with this number."),
    )
    order_number = forms.CharField(
        label=_("Architect: your order number"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    document = forms.FileField(
        label=_("Otherwise: the document that gives you the mandate"),
        required=False,
        help_text=_(
            "The family record book for a minor, or the power of attorney. PDF, JPEG or PNG, "
            "10 MB at most."
        ),
    )


class CompanyForm(forms.Form):
    ice = forms.CharField(
        label=_("ICE of the company"),
        max_length=24,  # 15 digits, spaces allowed
        help_text=_("The common identifier of the company: 15 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    name = forms.CharField(
        label=_("Legal name, as registered"),
        max_length=200,
        widget=forms.TextInput(attrs={"lang": "fr", "dir": "ltr"}),
    )
    name_ar = forms.CharField(
        label=_("Name in Arabic letters"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
    )
    document = forms.FileField(
        label=_("Proof that you represent it"),
        help_text=_(
            "The extract of the trade register that names you, or the power the company gave "
            "you. PDF, JPEG or PNG, 10 MB at most."
        ),
    )

    def clean_ice(self):
        ice = re.sub(r"\s", "", self.cleaned_data["ice"])
        if not re.fullmatch(r"[0-9]{15}", ice):
            raise forms.ValidationError(_("An ICE is 15 digits."))
        return ice


class MemberForm(NamesMixin):
    field_order = ["national_id", "email", "full_name_ar", "full_name"]
    national_id = NationalIdField(
        label=_("CNIE number of the member"),
        help_text=_("They file for the company once their account holds this number and e-mail."),
    )
    email = forms.EmailField(
        label=_("E-mail address of the member"),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
