from django.urls import path

from idara.identity import oidc, views

app_name = "identity"
urlpatterns = [
    path("login/", views.CitizenLoginView.as_view(), name="login"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-up/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("national-identity/", oidc.start, name="oidc_start"),
    path("national-identity/back/", oidc.callback, name="oidc_callback"),
    path("", views.space, name="space"),
    path("claim/", views.claim_dossier, name="claim"),
    path("password/", views.password_reset, name="password_reset"),
    path("password/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/changed/", views.password_changed, name="password_changed"),
]
