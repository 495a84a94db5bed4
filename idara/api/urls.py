from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from idara.accounts.api import MeView
from idara.api.auth import TokenView
from idara.territories.api import CollectivityDetail, CollectivityList

CODE = r"(?P<code>[^/]+)"

urlpatterns = [
    path("auth/token", TokenView.as_view(), name="token"),
    path("me", MeView.as_view(), name="me"),
    path("collectivities", CollectivityList.as_view(), name="collectivities"),
    re_path(rf"^collectivities/{CODE}$", CollectivityDetail.as_view(), name="collectivity"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
