from django.urls import path, re_path

from idara.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("collectivities/", views.collectivity_list, name="collectivities"),
    re_path(r"^collectivities/(?P<code>[0-9.]+)/$", views.collectivity_detail, name="collectivity"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="procedure"),
]
