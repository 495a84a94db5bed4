from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from idara.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/names/$",
        views.collectivity_names,
        name="collectivity_names",
    ),
]
