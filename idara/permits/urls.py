from django.urls import re_path

from idara.permits import views

app_name = "permits"
urlpatterns = [
    re_path(r"^(?P<code>[0-9.]+)/$", views.register, name="register"),
    re_path(r"^(?P<code>[0-9.]+)/permits\.csv$", views.register_csv, name="register_csv"),
]
