from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from idara.documents.views import verify_by_code, verify_page

urlpatterns = [
    path("api/v1/", include(("idara.api.urls", "api"))),
    path("verify/<str:code>", verify_page, name="verify"),
    # Browsers and crawlers ask for it whatever the page says: the site's icon.
    path("favicon.ico", lambda request: redirect(static("idara/icon.svg"), permanent=True)),
    path("open-data/audit/", include("idara.audit.open_urls")),
    path("open-data/", include("idara.transparency.open_urls")),
    path("", include("idara.operations.urls")),
] + i18n_patterns(
    path("", include("idara.portal.urls")),
    path("backoffice/", include("idara.backoffice.urls")),
    path("account/", include("idara.identity.urls")),
    path("payments/", include("idara.payments.urls")),
    path("permits/", include("idara.permits.urls")),
    path("transparency/", include("idara.transparency.urls")),
    path("verify/", verify_by_code, name="verify_by_code"),
    path("my/data-sharing/", include("idara.exchange.urls")),
)

handler404 = "idara.portal.views.not_found"
handler500 = "idara.portal.views.server_error"
handler403 = "idara.portal.views.permission_denied"
handler400 = "idara.portal.views.bad_request"

if settings.BENCH_ENDPOINTS:  # the benchmarks' baseline, never in production
    from idara.scale.views import baseline_insert

    urlpatterns.append(path("bench/baseline", baseline_insert, name="bench_baseline"))
