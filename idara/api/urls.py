from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider.views import TokenView as ExchangeTokenView

from idara.accounts.api import MeView
from idara.api.auth import TokenView
from idara.catalog.api import (
    CollectivityProcedures,
    OpenDataCatalogue,
    ProcedureDetail,
    ProcedureList,
)
from idara.documents.api import VerifyView
from idara.documents.upload_api import UploadDetail, UploadList
from idara.dossiers.api import (
    DossierAction,
    DossierDetail,
    DossierIssued,
    DossierList,
    DossierReceipt,
)
from idara.exchange.api import PersonDocument, VerifyByCode, VerifyByFile
from idara.territories.api import CollectivityDetail, CollectivityList
from idara.transparency.api import BudgetList, IndicatorList, LawStatesList, RankingList

CODE = r"(?P<code>[^/]+)"

urlpatterns = [
    path("auth/token", TokenView.as_view(), name="token"),
    path("me", MeView.as_view(), name="me"),
    path("collectivities", CollectivityList.as_view(), name="collectivities"),
    re_path(rf"^collectivities/{CODE}$", CollectivityDetail.as_view(), name="collectivity"),
    re_path(
        rf"^collectivities/{CODE}/procedures$",
        CollectivityProcedures.as_view(),
        name="collectivity_procedures",
    ),
    path("procedures", ProcedureList.as_view(), name="procedures"),
    path("procedures/<slug:slug>", ProcedureDetail.as_view(), name="procedure"),
    re_path(
        r"^open-data/catalogue\.(?P<fmt>csv|json)$",
        OpenDataCatalogue.as_view(),
        name="open_data_catalogue",
    ),
    path("dossiers", DossierList.as_view(), name="dossiers"),
    path("dossiers/<uuid:pk>", DossierDetail.as_view(), name="dossier"),
    path("dossiers/<uuid:pk>/receipt.pdf", DossierReceipt.as_view(), name="dossier_receipt"),
    re_path(
        r"^dossiers/(?P<pk>[0-9a-f-]{36})/(?P<action>documents|withdraw|appeal|escalate|act|attestation)$",
        DossierAction.as_view(),
        name="dossier_action",
    ),
    path(
        "dossiers/<uuid:pk>/issued/<slug:kind>.pdf", DossierIssued.as_view(), name="dossier_issued"
    ),
    path("verify/<str:code>", VerifyView.as_view(), name="verify"),
    path("exchange/token", ExchangeTokenView.as_view(), name="exchange_token"),
    path("exchange/verify/<str:code>", VerifyByCode.as_view(), name="exchange_verify"),
    path("exchange/verify-file", VerifyByFile.as_view(), name="exchange_verify_file"),
    re_path(
        r"^exchange/documents/(?P<kind>civil_extract|permit)$",
        PersonDocument.as_view(),
        name="exchange_document",
    ),
    path("transparency/ranking", RankingList.as_view(), name="ranking"),
    re_path(rf"^transparency/indicators/{CODE}$", IndicatorList.as_view(), name="indicators"),
    re_path(rf"^transparency/budgets/{CODE}$", BudgetList.as_view(), name="budgets"),
    re_path(rf"^transparency/law-states/{CODE}$", LawStatesList.as_view(), name="law_states"),
    path("uploads", UploadList.as_view(), name="uploads"),
    path("uploads/<uuid:pk>", UploadDetail.as_view(), name="upload"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
