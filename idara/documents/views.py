from django.shortcuts import render

from idara.documents.forms import VerificationCodeForm
from idara.documents.selectors import verify
from idara.security.limits import limited


@limited("verify", "ip", "VERIFY_RATE", method=("GET",))
def verify_page(request, code):
    result = verify(code)
    return render(
        request, "documents/verify.html", {"result": result}, status=200 if result.valid else 404
    )


def verify_by_code(request):
    """For a document in hand without a phone to read its QR code: type the code, and read
    the answer on this address, in the page's language."""
    form = VerificationCodeForm(request.GET if "code" in request.GET else None)
    if form.is_valid():
        return verify_page(request, form.cleaned_data["code"])
    return render(request, "documents/verify_by_code.html", {"form": form})
