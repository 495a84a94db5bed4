from django.contrib.auth import views as auth_views
from django.urls import path, re_path, reverse_lazy

from idara.backoffice import (
    appeal_views,
    attestation_views,
    budget_views,
    catalog_views,
    counter_views,
    dossier_views,
    mfa_views,
    proof_views,
    register_views,
    staff_views,
    training_views,
    views,
)
from idara.security.limits import limited

app_name = "backoffice"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("second-factor/", mfa_views.second_factor, name="second_factor"),
    path(
        "password/",
        # Each address gets few mails, and each client asks for few: no flooding an inbox.
        limited("password-reset", "post:email", "PASSWORD_RESET_RATE")(
            limited("password-reset-ip", "ip", "LOGIN_RATE")(
                auth_views.PasswordResetView.as_view(
                    template_name="backoffice/password_reset.html",
                    email_template_name="registration/password_set_email.txt",
                    subject_template_name="registration/password_set_subject.txt",
                    success_url=reverse_lazy("backoffice:password_reset_done"),
                )
            )
        ),
        name="password_reset",
    ),
    path(
        "password/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="backoffice/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="backoffice/password_set.html",
            success_url=reverse_lazy("backoffice:login"),
        ),
        name="password_reset_confirm",
    ),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/names/$",
        views.collectivity_names,
        name="collectivity_names",
    ),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/offerings/$", catalog_views.offerings, name="offerings"
    ),
    re_path(r"^collectivities/(?P<code>[0-9.]+)/budgets/$", budget_views.budgets, name="budgets"),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/offerings/(?P<slug>[-a-z0-9]+)/$",
        catalog_views.offering_edit,
        name="offering_edit",
    ),
    path("dossiers/", dossier_views.inbox, name="inbox"),
    path("training/", training_views.training, name="training"),
    path("calendar/", dossier_views.holidays, name="holidays"),
    path("counter/", counter_views.counter, name="counter"),
    path("audit/", views.audit_log, name="audit_log"),
    re_path(r"^collectivities/(?P<code>[0-9.]+)/staff/$", staff_views.staff, name="staff"),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/register/$", register_views.register, name="register"
    ),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/register/new/$",
        register_views.act_new,
        name="act_new",
    ),
    path("acts/<int:act_id>/", register_views.act, name="civil_act"),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/motivations/$", views.motivations, name="motivations"
    ),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/adoption/$", views.adoption_figures, name="adoption"
    ),
    re_path(
        r"^collectivities/(?P<code>[0-9.]+)/staff/(?P<membership_id>[0-9]+)/remove/$",
        staff_views.remove_staff,
        name="remove_staff",
    ),
    path("counter/<int:offering_id>/", counter_views.counter_file, name="counter_file"),
    path("opinions/<int:opinion_id>/", dossier_views.opinion, name="opinion"),
    path("appeals/<uuid:dossier_id>/letter/", appeal_views.governor_letter, name="governor_letter"),
    path(
        "attestations/<uuid:dossier_id>/",
        attestation_views.attestation_request,
        name="attestation_request",
    ),
    path("dossiers/<uuid:dossier_id>/", dossier_views.dossier, name="dossier"),
    path(
        "dossiers/<uuid:dossier_id>/files/<int:file_id>",
        dossier_views.dossier_file,
        name="dossier_file",
    ),
    path("dossiers/<uuid:dossier_id>/proof/check/", proof_views.check, name="proof_check"),
    path("dossiers/<uuid:dossier_id>/proof/document", proof_views.document, name="proof_document"),
    path("dossiers/<uuid:dossier_id>/<slug:action>/", dossier_views.act, name="act"),
    path("catalogue/", catalog_views.catalogue, name="catalogue"),
    path("catalogue/switch-on/", catalog_views.bulk_offering, name="bulk_offering"),
    path("catalogue/<slug:slug>/", catalog_views.version_edit, name="version_edit"),
]
