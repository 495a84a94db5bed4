from django.shortcuts import render

from idara.documents.selectors import verify
from idara.security.limits import limited


@limited("verify", "ip", "VERIFY_RATE", method=("GET",))
def verify_page(request, code):
    result = verify(code)
    return render(
        request, "documents/verify.html", {"result": result}, status=200 if result.valid else 404
    )
