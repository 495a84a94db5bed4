from django.urls import path

from idara.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.data_sharing, name="data_sharing"),
    path("grant/", views.grant, name="grant"),
    path("<int:consent_id>/revoke/", views.revoke, name="revoke"),
]
