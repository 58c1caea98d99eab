"""Settings for the GCM Regional Review portal, read from the environment.

With nothing set, the portal runs on SQLite with Celery tasks executed eagerly (the
embedded default). With DATABASE_URL and REDIS_URL it uses PostgreSQL, Redis and real
Celery workers.
"""

import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# PRODUCTION=true is the deployment profile: it needs SECRET_KEY and ALLOWED_HOSTS from the
# environment and turns on HTTPS-only cookies, HSTS and the redirect to HTTPS (see the end).
PRODUCTION = env.bool("PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=False) and not PRODUCTION
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    if "*" in ALLOWED_HOSTS:
        # Any Host header would be believed, and it names the site in absolute links.
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS='*' is refused with PRODUCTION=true: name the portal's host names."
        )
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="django-insecure-local-development-key-change-me-in-production"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "gcm_review.views.csrf_failure"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# In development with SITE_URL unset (DEBUG, or the embedded SQLite default), links in mails
# and calendars take the address the server is reached at (gcm_review.site.site_url).
SITE_URL_FROM_REQUEST = (
    not PRODUCTION and "SITE_URL" not in os.environ and (DEBUG or "DATABASE_URL" not in os.environ)
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the form renderer below finds Django's own widget templates here
    "allauth",
    "allauth.account",
    "csp",
    "import_export",
    "gcm_review",
    "sessions_app",
    "registration",
    "submissions",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files keep their long-lived caching.
    "gcm_review.middleware.PrivateDownloadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "gcm_review.request_text.RequestTextMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "gcm_review.middleware.SessionTimeoutMiddleware",
    "gcm_review.middleware.AuditContextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gcm_review.urls"
WSGI_APPLICATION = "gcm_review.wsgi.application"

# Widget templates are looked up like every other template, so templates/ can improve one
# (templates/admin/widgets/split_datetime.html labels the date and the time apart).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "registration.context_processors.portal",
            ],
        },
    },
]

# Database: embedded SQLite unless DATABASE_URL names another (PostgreSQL via psycopg 3).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "registration.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Redis: Celery broker and cache when REDIS_URL is set; otherwise local memory and eager tasks.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # The cache holds only what can be lost (rate-limit counters, public pages keyed by a
    # fingerprint of the data): while Redis is down it answers "nothing cached" instead of
    # failing the request.
    CACHES = {
        "default": {
            "BACKEND": "gcm_review.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# How long the public written-input pages and open data stay cached (0: not at all).
SUBMISSIONS_PUBLIC_CACHE_SECONDS = env.int("SUBMISSIONS_PUBLIC_CACHE_SECONDS", default=300)

# Sessions live in the database so signing in keeps working while Redis is down. A session
# ends after SESSION_IDLE_SECONDS without a request and, whatever happens, SESSION_COOKIE_AGE
# after signing in (gcm_review.middleware.SessionTimeoutMiddleware). The idle time is generous
# because focal points draft long answers in one page.
SESSION_ENGINE = "gcm_review.sessions"  # the database store, refusing malformed keys
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# While Redis is down a page that enqueues a task gives up at once (max_retries 0) instead
# of retrying for seconds: the outbox and the compile recovery re-send what was not queued.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 2,
    "max_retries": 0,
}
CELERY_TIMEZONE = "Europe/Zurich"
CELERY_BEAT_SCHEDULE = {
    "outbox-retry-unsent": {"task": "gcm_review.tasks.outbox_retry_unsent", "schedule": 60.0},
    "report-compiles-recover": {
        "task": "reports.tasks.report_compiles_recover",
        "schedule": 60.0,
    },
    "report-deadline-reminders": {
        "task": "reports.tasks.report_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}

# Accounts: django-allauth 65.x, sign-in by email, mandatory verification.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
# Changing the address and deleting the account ask for the password again (a stolen session is
# not enough), and the old address is told of a change.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
ACCOUNT_ADAPTER = "registration.accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "registration.accounts.forms.SignupProfileForm"
ACCOUNT_FORMS = {"signup": "registration.accounts.signup_forms.SignupForm"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "registration:my"
ACCOUNT_LOGOUT_REDIRECT_URL = "sessions_app:home"

# Exports and imports (django-import-export): only users granted the permissions may use them.
# Formula escaping is done by our resources (gcm_review.spreadsheet.cell_safe), which covers
# more triggers than the library's own option and keeps numbers and dates typed in XLSX.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# Uploads
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
NOMINATION_LETTER_MAX_BYTES = 10 * 1024 * 1024

# Internationalisation: UNECE works in English, French and Russian.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
FORMAT_MODULE_PATH = ["gcm_review.formats"]
USE_TZ = True
TIME_ZONE = "Europe/Zurich"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves static files in every mode; finders let it do so without collectstatic.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="GCM Regional Review <noreply@example.org>"
)

# Headers. Every page, script and style comes from this site: no inline script or style, no
# third-party origin, no framing. Uploaded files are only ever sent as attachments
# (gcm_review.uploads.upload_response).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
# Load balancers and container health checks ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
# Behind a proxy that terminates TLS (set it only if the proxy always sets the header).
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies in front of the portal append to X-Forwarded-For: the client address that
# rate limits and the audit log use (0: the connection's own address).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
