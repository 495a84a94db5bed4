"""Idara settings, read from the environment (see docs/configuration.md)."""

import json
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from idara import env
from idara.vault import keys as vault_keys

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("IDARA_VAR_DIR", str(BASE_DIR / "var")))

# Demo mode loads the demo accounts; it is never on unless asked for.
DEMO = env.flag("IDARA_DEMO")
DEBUG = DEMO and env.flag("DEBUG")
SECRET_KEY = env.secret_key(VAR_DIR)
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "idara.accounts",
    "idara.identity",
    "idara.audit",
    "idara.vault",
    "idara.backups",
    "idara.scale",
    "idara.territories",
    "idara.catalog",
    "idara.dossiers",
    "idara.documents",
    "idara.civil_status",
    "idara.permits",
    "idara.transparency",
    "oauth2_provider",
    "idara.exchange",
    "idara.payments",
    "idara.notifications",
    "idara.portal",
    "idara.backoffice",
    "idara.demo",
    "idara.operations",
]

MIDDLEWARE = [
    "idara.operations.logs.RequestIdentified",
    "idara.operations.middleware.RequestsMeasured",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "idara.portal.languages.TamazightOnPublicPages",
    "idara.security.middleware.RequestBodyLimit",
    "idara.security.middleware.NoNulCharacters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "idara.accounts.middleware.SecondFactorRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "idara.audit.middleware.RefusedAccessAudited",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "idara.security.middleware.PrivatePagesNotStored",
]

ROOT_URLCONF = "idara.urls"
WSGI_APPLICATION = "idara.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "idara" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "idara.portal.context_processors.languages",
            ],
        },
    },
]

# SQLite (WAL) by default; PostgreSQL in production and CI through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'idara.sqlite3'}"),
        conn_max_age=env.integer("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
        # instead of failing with "database is locked" mid-transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif pool_size := env.integer("DATABASE_POOL_SIZE", 0):
    # psycopg's pool, per process: a gunicorn worker's threads share its connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # Django refuses persistent connections with a pool
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": pool_size,
        "timeout": env.integer("DATABASE_POOL_TIMEOUT", 10),
    }
# Backups serialize the database keeping datetimes to the microsecond (idara.backups).
SERIALIZATION_MODULES = {"exactjson": "idara.backups.serializer"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "identity:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Arabic first (right to left), French one click away; Tamazight (Tifinagh) on the public
# pages (idara.portal.languages).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("zgh", _("Tamazight"))]
LOCALE_PATHS = [BASE_DIR / "idara" / "locale"]
# Dates and numbers in Tamazight, which Django does not format itself.
FORMAT_MODULE_PATH = ["idara.formats"]
USE_I18N = True
TIME_ZONE = "Africa/Casablanca"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "idara" / "static"]
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(VAR_DIR / "media")))
# Fees paid online (docs/payments.md): "cmi", "sandbox" (demo mode only), or "" for the till.
PAYMENT_PROVIDER = env.text("PAYMENT_PROVIDER", "sandbox" if DEMO else "")
CMI_CLIENT_ID = env.text("CMI_CLIENT_ID")
CMI_STORE_KEY = env.text("CMI_STORE_KEY")
CMI_GATEWAY_URL = env.text("CMI_GATEWAY_URL", "https://testpayment.cmi.co.ma/fim/est3Dgate")
PAYMENT_SANDBOX_SECRET = env.text("PAYMENT_SANDBOX_SECRET", SECRET_KEY + ":payments")
# Large files sent in pieces (tus): their bytes wait here until a filing takes them.
RESUMABLE_UPLOADS_DIR = Path(env.text("RESUMABLE_UPLOADS_DIR", str(VAR_DIR / "uploads")))
RESUMABLE_UPLOAD_MAX_MB = int(env.text("RESUMABLE_UPLOAD_MAX_MB", "200"))
# No request body above this (the resumable uploads send large plans in pieces).
MAX_REQUEST_BODY_MB = env.integer("MAX_REQUEST_BODY_MB", 120)
# What an uploaded file may hold (idara.dossiers.upload_safety).
UPLOAD_MAX_PDF_PAGES = env.integer("UPLOAD_MAX_PDF_PAGES", 500)
UPLOAD_MAX_IMAGE_PIXELS = env.integer("UPLOAD_MAX_IMAGE_PIXELS", 60_000_000)
# What a PDF's streams may inflate to, all together, when it is read or drawn.
UPLOAD_MAX_PDF_INFLATED_MB = env.integer("UPLOAD_MAX_PDF_INFLATED_MB", 1024)
# ClamAV's daemon, where installed: a Unix socket or host:port (idara.dossiers.virus_scan).
CLAMD_SOCKET = env.text("CLAMD_SOCKET")
CLAMD_ADDRESS = env.text("CLAMD_ADDRESS")
CLAMD_TIMEOUT_SECONDS = env.integer("CLAMD_TIMEOUT_SECONDS", 30)
# Each collectivity's signing key and certificate (PAdES): files, never database rows.
SIGNING_KEYS_DIR = Path(env.text("SIGNING_KEYS_DIR", str(VAR_DIR / "keys")))
# verify_audit's copy of the audit checkpoints: in production on a disk that whoever can
# write the database cannot (docs/security.md).
AUDIT_CHECKPOINTS_KEPT = Path(
    env.text("AUDIT_CHECKPOINTS_KEPT", str(VAR_DIR / "audit-checkpoints.jsonl"))
)
MEDIA_URL = "/media/"
# Master keys wrapping every file's and personal field's data key, newest first
# (docs/security.md); a key made once into var/ for the demo and development.
MASTER_KEYS = env.text("IDARA_MASTER_KEYS") or vault_keys.local_key_file(
    VAR_DIR, "master_keys", lambda: vault_keys.new_key_entry("local1")
)
# Only while an existing instance switches to encryption: files still in clear open.
VAULT_READ_CLEAR_FILES = env.flag("VAULT_READ_CLEAR_FILES")
MASTER_KEY_PROVIDER = env.text("MASTER_KEY_PROVIDER", "idara.vault.keys.EnvironmentKeys")
INDEX_KEY = env.text("IDARA_INDEX_KEY") or vault_keys.local_key_file(
    VAR_DIR, "index_key", vault_keys.new_index_key
)
# Files go through the storage API: local disk (`disk`), an S3-compatible object storage
# through django-storages (`s3`; its credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY), or any Django storage class by its dotted path.
# Every file is encrypted at rest (idara.vault) over that backend.
FILE_STORAGE_BACKENDS = {
    "disk": ("django.core.files.storage.FileSystemStorage", {}),
    "s3": (
        "storages.backends.s3.S3Storage",
        {
            "bucket_name": env.text("S3_BUCKET", "idara"),
            "endpoint_url": env.text("S3_ENDPOINT_URL") or None,
            "region_name": env.text("S3_REGION") or None,
            # A citizen's file is never replaced by another that happens to share its name.
            "file_overwrite": False,
        },
    ),
}
_storage_backend, _storage_options = FILE_STORAGE_BACKENDS.get(
    env.text("FILE_STORAGE", "disk"), (env.text("FILE_STORAGE"), {})
)
STORAGES = {
    "default": {
        "BACKEND": "idara.vault.storage.EncryptedStorage",
        "OPTIONS": {
            "backend": _storage_backend,
            **_storage_options,
            **json.loads(env.text("FILE_STORAGE_OPTIONS", "{}")),
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# Background work: Celery on Redis when a broker is set, inline otherwise.
CELERY_TASK_ALWAYS_EAGER = not env.text("CELERY_BROKER_URL")
# Inline tasks need no broker; naming the in-memory one keeps Celery from guessing a host.
CELERY_BROKER_URL = env.text("CELERY_BROKER_URL", "memory://")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Tacit acceptances are already the law's from their due date; this writes them down.
    "sweep-deadlines": {
        "task": "idara.dossiers.tasks.sweep_deadlines",
        "schedule": crontab(hour=0, minute=5),
    },
    "deliver-notifications": {
        "task": "idara.notifications.tasks.deliver_pending",
        "schedule": 300.0,
    },
    # The audit chain's head, signed with the national key (idara.audit.national_key).
    "checkpoint-audit-chain": {
        "task": "idara.audit.tasks.checkpoint_audit_chain",
        "schedule": crontab(hour=0, minute=30),
    },
    "rank-collectivities": {
        "task": "idara.transparency.tasks.rank_collectivities",
        "schedule": crontab(hour=1, minute=0),
    },
    # Files a killed filing stored before its transaction died (idara.vault.orphans).
    "remove-orphan-files": {
        "task": "idara.vault.tasks.remove_orphan_files",
        "schedule": crontab(hour=3, minute=30),
    },
    "remove-stale-uploads": {
        "task": "idara.documents.tasks.remove_stale_uploads",
        "schedule": crontab(hour=3, minute=0),
    },
}

# Other administrations: OAuth2 client credentials with short-lived tokens (idara.exchange).
OAUTH2_PROVIDER = {
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    "SCOPES": {
        "verify": "Verify a document Idara issued",
        "documents.civil_extract": "Receive a civil-status extract, with consent",
        "documents.permit": "Receive an issued permit, with consent",
    },
    "OAUTH2_VALIDATOR_CLASS": "idara.exchange.oauth.ExchangeValidator",
    # RFC 9700, the OAuth security practice, enforced now rather than at the 4.0 default:
    # administrations use client credentials only, so none of the legacy flows is needed.
    "PKCE_REQUIRED": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    **{
        f"COMPLIANT_BCP_RFC9700_{gate}": True
        for gate in (
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
            "REFRESH_TOKEN",
            "REDIRECT_URI_SCHEME",
            "REDIRECT_URI_MATCHING",
            "PKCE_REQUIRED",
            "TOKEN_STORAGE",
        )
    },  # fmt: skip
}
# The administrations Idara asks for documents (idara.exchange.connectors); the sandbox land
# registry only in demo mode, never in production.
EXCHANGE_CONNECTORS = env.words("EXCHANGE_CONNECTORS")
if DEMO and not EXCHANGE_CONNECTORS:
    EXCHANGE_CONNECTORS = ["idara.exchange.connectors.SandboxLandRegistry"]
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"  # noqa: S105 (a model)
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"  # noqa: S105 (a model)
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"  # noqa: S105 (a model)
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"

# Mail: SMTP when a host is set, else kept as files under var/mail (nothing lost).
EMAIL_HOST = env.text("EMAIL_HOST")
EMAIL_PORT = env.integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Idara <no-reply@idara.ma>")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# SMS: the notifications module sends through the gateway named here.
SMS_GATEWAY_URL = env.text("SMS_GATEWAY_URL")
SMS_GATEWAY_TOKEN = env.text("SMS_GATEWAY_TOKEN")
SMS_SENDER = env.text("SMS_SENDER", "IDARA")

SESSION_COOKIE_HTTPONLY = True
# A session lasts a working day at most, and ends with the browser.
SESSION_COOKIE_AGE = env.integer("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
OTP_TOTP_ISSUER = "Idara"
# The cache keeps login failures (lockout); Redis in production, memory otherwise.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.text("REDIS_URL"),
    }
    if env.text("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.flag("SECURE_COOKIES", not DEMO)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # the resumable uploads read the token from the form
CSRF_COOKIE_SAMESITE = "Lax"
# Served over HTTPS, cookies are __Host- ones: set by this host only, for every path, secure.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-idara_session"
    CSRF_COOKIE_NAME = "__Host-idara_csrf"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "idara.portal.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS for a year, subdomains included, once a browser has seen it (off for the local demo).
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 0 if DEMO else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The header asks to be preloaded; submitting the domain to the browsers' list is its owner's act.
SECURE_HSTS_PRELOAD = not DEMO
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT")
# The load balancer's probes and Prometheus reach the instance on the inside, in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/", r"^metrics$"]
if env.flag("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script or style anywhere: every script and stylesheet is a file of Idara's.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# Rate limits (idara.security.limits), per address or per account, counted in the cache.
LOGIN_RATE = env.text("LOGIN_RATE", "10/m")
FILING_RATE = env.text("FILING_RATE", "30/h")
VERIFY_RATE = env.text("VERIFY_RATE", "60/m")
PASSWORD_RESET_RATE = env.text("PASSWORD_RESET_RATE", "3/h")
SIGN_UP_RATE = env.text("SIGN_UP_RATE", "10/h")
# Sign-in with the national identity provider (OpenID Connect); off unless both are set.
OIDC_ISSUER = env.text("OIDC_ISSUER")
OIDC_CLIENT_ID = env.text("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env.text("OIDC_CLIENT_SECRET")
OIDC_SCOPES = env.text("OIDC_SCOPES", "openid profile email phone national_id")
OIDC_NATIONAL_ID_CLAIM = env.text("OIDC_NATIONAL_ID_CLAIM", "national_id")
RATELIMIT_VIEW = "idara.security.limits.too_many_requests"
RATELIMIT_IP_META_KEY = env.text("RATELIMIT_IP_META_KEY") or None

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "idara.api.authentication.BearerTokenAuthentication",
        "idara.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "idara.api.pagination.Pagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "idara.api.parsing.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "idara.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Idara API",
    "DESCRIPTION": "Public API of Idara, the platform of Morocco's territorial collectivities.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"CollectivityKindEnum": "idara.territories.models.Kind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "idara.api.schema.add_refusals",
    ],
}
# The benchmarks' baseline view (idara.scale.views); never set in production.
BENCH_ENDPOINTS = env.flag("IDARA_BENCH")
# Where QR codes on printed documents point: the public address of this deployment.
PUBLIC_BASE_URL = env.text("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The notifications' SMS channel: a dotted path to a class with send(phone, text).
SMS_BACKEND = env.text(
    "SMS_BACKEND",
    "idara.notifications.sms."
    + ("HttpGatewaySMSBackend" if SMS_GATEWAY_URL else "ConsoleSMSBackend"),
)
API_TOKEN_LIFETIME_HOURS = env.integer("API_TOKEN_LIFETIME_HOURS", 12)
# Prometheus sends it as a bearer token; unset, /metrics answers this machine only.
METRICS_TOKEN = env.text("METRICS_TOKEN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler masks emails, phone and CNIE numbers (idara.security.logs).
    "filters": {
        "redact": {"()": "idara.security.logs.RedactPersonalData"},
        "request_id": {"()": "idara.operations.logs.WithRequestId"},
    },
    # LOG_FORMAT=json in production: one JSON object a line, with the request's id.
    "formatters": {
        "json": {"()": "idara.operations.logs.JsonLines"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact", "request_id"],
            "formatter": env.text("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF they draw, Celery every task it runs.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "celery")},
}
