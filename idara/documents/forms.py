from django import forms
from django.utils.translation import gettext_lazy as _

from idara.documents import codes


class VerificationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        help_text=_(
            "It is printed under the QR code of the document, at the end of the address "
            "after /verify/. You may paste the whole address."
        ),
        max_length=300,
        error_messages={"required": _("Enter the code printed on the document.")},
    )

    def clean_code(self) -> str:
        """The code alone, from the code or the whole address the document prints."""
        typed = self.cleaned_data["code"].strip().rstrip("/").rsplit("/verify/", 1)[-1]
        if not codes.candidates(typed):
            raise forms.ValidationError(
                _(
                    "This is not a verification code: it has 20 letters and digits, in groups "
                    "of four (XXXX-XXXX-XXXX-XXXX-XXXX)."
                )
            )
        return typed
