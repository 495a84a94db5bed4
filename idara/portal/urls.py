from django.urls import path, re_path

from idara.portal import dossier_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("collectivities/", views.collectivity_list, name="collectivities"),
    re_path(r"^collectivities/(?P<code>[0-9.]+)/$", views.collectivity_detail, name="collectivity"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="procedure"),
    path("procedures/<slug:slug>/file/", dossier_views.file_procedure, name="file_procedure"),
    path("my/dossiers/", dossier_views.my_dossiers, name="my_dossiers"),
    path("my/dossiers/<uuid:dossier_id>/", dossier_views.my_dossier, name="my_dossier"),
    path("my/dossiers/<uuid:dossier_id>/receipt.pdf", dossier_views.my_receipt, name="my_receipt"),
    path(
        "my/dossiers/<uuid:dossier_id>/documents/",
        dossier_views.send_documents,
        name="send_documents",
    ),
    path("my/dossiers/<uuid:dossier_id>/withdraw/", dossier_views.withdraw, name="withdraw"),
    path("my/dossiers/<uuid:dossier_id>/pay/", dossier_views.pay, name="pay"),
    path("my/dossiers/<uuid:dossier_id>/appeal/", dossier_views.appeal, name="appeal"),
    path("my/dossiers/<uuid:dossier_id>/escalate/", dossier_views.escalate, name="escalate"),
    path("my/dossiers/<uuid:dossier_id>/act/", dossier_views.request_act, name="request_act"),
    path(
        "my/dossiers/<uuid:dossier_id>/obtained/<int:fetch_id>/<slug:action>/",
        dossier_views.fetched_document,
        name="fetched_document",
    ),
    path(
        "my/dossiers/<uuid:dossier_id>/attestation/",
        dossier_views.ask_attestation,
        name="ask_attestation",
    ),
    path(
        "my/dossiers/<uuid:dossier_id>/files/<int:file_id>", dossier_views.my_file, name="my_file"
    ),
    path(
        "my/dossiers/<uuid:dossier_id>/issued/<slug:kind>.pdf",
        dossier_views.my_issued_document,
        name="my_issued_document",
    ),
]
