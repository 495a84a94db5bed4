from django.urls import path

from idara.identity import oidc, space_views, views

app_name = "identity"
urlpatterns = [
    path("login/", views.CitizenLoginView.as_view(), name="login"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("sign-up/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("national-identity/", oidc.start, name="oidc_start"),
    path("national-identity/back/", oidc.callback, name="oidc_callback"),
    path("", space_views.space, name="space"),
    path("e-mail/", space_views.change_email, name="change_email"),
    path("e-mail/<str:token>/", space_views.confirm_email, name="email_confirm"),
    path("mobile/", space_views.change_phone, name="change_phone"),
    path("mobile/code/", space_views.confirm_phone, name="confirm_phone"),
    path("data/", space_views.my_data, name="my_data"),
    path("close/", space_views.close, name="close"),
    path("mandates/", space_views.mandate_list, name="mandates"),
    path("companies/", space_views.company_list, name="companies"),
    path("companies/<int:company_id>/", space_views.company, name="company"),
    path(
        "companies/<int:company_id>/members/<int:member_id>/remove/",
        space_views.company_member_remove,
        name="company_member_remove",
    ),
    path(
        "mandates/<int:mandate_id>/withdraw/",
        space_views.mandate_withdraw,
        name="mandate_withdraw",
    ),
    path("claim/", views.claim_dossier, name="claim"),
    path("password/", views.password_reset, name="password_reset"),
    path("password/sent/", views.password_reset_done, name="password_reset_done"),
    path("password/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/change/", views.password_change, name="password_change"),
    path("password/changed/", views.password_changed, name="password_changed"),
]
