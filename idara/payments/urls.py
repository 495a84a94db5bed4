from django.urls import path

from idara.payments import views

app_name = "payments"
urlpatterns = [
    path("sandbox/<str:reference>/", views.sandbox_checkout, name="sandbox_checkout"),
    path("cmi/<str:reference>/", views.cmi_checkout, name="cmi_checkout"),
    path("cmi-callback/", views.cmi_callback, name="cmi_callback"),
]
