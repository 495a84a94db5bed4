from django.urls import path

from idara.payments import views

app_name = "payments"
urlpatterns = [
    path("sandbox/<str:reference>/", views.sandbox_checkout, name="sandbox_checkout"),
]
