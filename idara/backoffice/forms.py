from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


def _text_input(lang: str, direction: str) -> forms.TextInput:
    return forms.TextInput(attrs={"lang": lang, "dir": direction})


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
