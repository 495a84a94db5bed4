from django.urls import path, re_path

from idara.audit import open_data

app_name = "open_audit"
urlpatterns = [
    re_path(r"^checkpoints\.(?P<fmt>csv|json)$", open_data.checkpoints, name="checkpoints"),
    path("national-key.pem", open_data.public_key, name="national_key"),
]
