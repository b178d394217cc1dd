"""Settings for the UPR Pre-sessions application.

One file, every deployment difference an environment variable with a safe default (see
``.env.example`` and the README). With no environment at all, the app runs on SQLite under ``var/``
and runs background tasks in-process.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("DJANGO_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for the TemplatesSetting form renderer below
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "import_export",
    "simple_history",
    "django_celery_beat",
    "django_filters",
    "django_htmx",
    "csp",
    "core",
    "upr",
    "presessions",
    "speakers",
    "embassies",
    "briefs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.RequireMFAMiddleware",
    "core.middleware.NoStoreMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Forms render through TEMPLATES, so that templates/django/forms/{field,p,table,ul}.html (Django's own,
# with help text escaped instead of |safe) apply: question help text is written by staff.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "core.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default keeps its database under var/: make sure the folder exists on a fresh clone.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("ACCOUNT_EMAIL_SUBJECT_PREFIX", default="[UPR Pre-sessions] ")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Security notices (password changed, e-mail added, two-factor set up or removed), via the outbox.
ACCOUNT_EMAIL_NOTIFICATIONS = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Staff, reviewers and superusers without a second factor reach only these until they set one up
# (core.middleware.RequireMFAMiddleware); every other page sends them to the set-up.
MFA_EXEMPT_PATH_PREFIXES = ("/accounts/", "/static/")
MFA_EXEMPT_URL_NAMES = frozenset({"admin:logout", "core:set_language", "core:healthz"})
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="UPR Pre-sessions")
ACCOUNT_SIGNUP_FORM_CLASS = "core.forms.SignupForm"
ACCOUNT_ALLOW_SIGNUP = env.bool("ACCOUNT_ALLOW_SIGNUP", default=True)
ACCOUNT_SESSION_REMEMBER = None  # ask ("Remember me")
ACCOUNT_PASSWORD_INPUT_RENDER_VALUE = False
MFA_RECOVERY_CODE_COUNT = 10

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Zurich"
USE_I18N = True
USE_TZ = True
# One date and time format per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static files and uploads ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media-not-served/"  # uploads are served only through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_STATIC_MANIFEST", default=False)
        else "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# What one person's applications, answers and statements may hold in storage, in total (0: no quota).
UPLOAD_QUOTA_BYTES_PER_USER = env.int("UPLOAD_QUOTA_BYTES_PER_USER", default=100 * 1024 * 1024)
# The daily beat task deletes stored files no row names once they are this old (uploads in flight are safe).
UPLOAD_ORPHAN_AGE_HOURS = env.float("UPLOAD_ORPHAN_AGE_HOURS", default=24.0)

# --- Mail -----------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="UPR Pre-sessions <no-reply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
# Back-off between attempts: base * 2^(attempt-1) seconds, capped (keep the cap under the Redis
# visibility timeout, CELERY_VISIBILITY_TIMEOUT).
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
OUTBOX_RETRY_MAX_SECONDS = env.int("OUTBOX_RETRY_MAX_SECONDS", default=1200)
# A claim older than this is considered lost (worker killed) and the mail is sent again. The send
# task's hard time limit is half of it, so it must be well above EMAIL_TIMEOUT.
OUTBOX_CLAIM_LEASE_SECONDS = env.int("OUTBOX_CLAIM_LEASE_SECONDS", default=max(600, 4 * EMAIL_TIMEOUT))
# The dispatcher re-queues a queued mail whose task was last queued longer ago than this.
OUTBOX_DISPATCH_GRACE_SECONDS = env.int("OUTBOX_DISPATCH_GRACE_SECONDS", default=120)
OUTBOX_DISPATCH_INTERVAL_SECONDS = env.float("OUTBOX_DISPATCH_INTERVAL_SECONDS", default=60.0)
OUTBOX_MAX_ATTACHMENT_BYTES = env.int("OUTBOX_MAX_ATTACHMENT_BYTES", default=20 * 1024 * 1024)
# allauth mails with the same content within this window are one mail (a double click sends once).
OUTBOX_ACCOUNT_MAIL_DEDUP_SECONDS = env.int("OUTBOX_ACCOUNT_MAIL_DEDUP_SECONDS", default=120)

# --- Background jobs ------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis: a task that a dead worker had taken comes back after the visibility timeout; it must be longer
# than the longest ETA (OUTBOX_RETRY_MAX_SECONDS). RabbitMQ ignores it (it redelivers on disconnect).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_IGNORE_RESULT = True
# Two queues: "mail" (outbox deliveries, short) and "celery" (everything else: imports, PDFs, ...), so a
# long job never holds up a verification mail. A worker started without -Q consumes both.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("mail"))
CELERY_TASK_ROUTES = {
    "core.send_outbound_mail": {"queue": "mail"},
    "core.dispatch_due_mail": {"queue": "mail"},
}
# Publishing from a web request must not hang when the broker is down: a few quick retries, then the
# caller logs and moves on (the outbox dispatcher queues the mail again later).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=1000)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "outbox-dispatch-due": {"task": "core.dispatch_due_mail", "schedule": OUTBOX_DISPATCH_INTERVAL_SECONDS},
    "purge-orphan-uploads": {"task": "core.purge_orphan_uploads", "schedule": 86400.0},
}

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
_https = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=_https)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # read by the server only
# Pages under these prefixes carry personal or staff data: browsers and proxies must not keep them
# (core.middleware.NoStoreMiddleware: Cache-Control no-store, private).
NO_STORE_PATH_PREFIXES = ("/staff/", "/review/", "/my/", "/dashboard/", "/accounts/", "/admin/")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_https and not DEBUG)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if _https and not DEBUG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth's rate limits (failed logins, sign-ups, codes) count the client address. Behind proxies every
# request comes from the proxy: take the address that the outermost of the N trusted proxies appended to
# X-Forwarded-For (the N-th from the right), never one that the client wrote itself.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging --------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Domain settings ------------------------------------------------------------------------------
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Floor for any import-export admin; core.importexport.ImportExportAdminMixin also requires "add" to import.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Invitations to join an organisation (speakers.organisations): (count, seconds) per inviting user and
# per organisation; mails go to addresses that applicants type.
ORGANISATION_INVITATION_LIMITS = {"user": (10, 3600), "organisation": (30, 86400)}

# Recommendation imports (upr.importing): files above this size are refused before they are read.
RECOMMENDATION_IMPORT_MAX_BYTES = env.int("RECOMMENDATION_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)

# Classification suggestions (upr.classification): the trained model, written by `train_classifier`.
CLASSIFIER_MODEL_PATH = Path(env.str("CLASSIFIER_MODEL_PATH", default=str(VAR_DIR / "classifier.joblib")))

# --- Review and selection ----------------------------------------------------------------------------
# Days a selected speaker has to confirm, and reminders sent that many days before the deadline.
SPEAKERS_CONFIRMATION_DAYS = env.int("SPEAKERS_CONFIRMATION_DAYS", default=7)
SPEAKERS_CONFIRMATION_REMINDER_DAYS = tuple(
    env.list("SPEAKERS_CONFIRMATION_REMINDER_DAYS", cast=int, default=[4, 1])
)
# Conflict declarations a reviewer may make: (count, seconds). Each declaration mails the staff, and a
# reviewer must not be able to probe organisation names freely.
CONFLICT_DECLARATION_LIMIT = (10, 3600)
CELERY_BEAT_SCHEDULE["speakers-confirmation-reminders"] = {
    "task": "speakers.send_confirmation_reminders",
    "schedule": 3600.0,
}

# --- Statements and briefs ----------------------------------------------------------------------------
CELERY_BEAT_SCHEDULE["statement-reminders"] = {
    "task": "speakers.send_statement_reminders",
    "schedule": 3600.0,
}

# --- Permanent Missions and invitations (embassies) -------------------------------------------------
# Requests a client address may make to the personal RSVP pages (/i/<token>/) per minute.
RSVP_RATE_LIMIT = env.int("RSVP_RATE_LIMIT", default=30)
# The automatic reminder to Missions that have not answered goes out this many hours before the panel.
INVITATION_REMINDER_HOURS = env.int("INVITATION_REMINDER_HOURS", default=48)
CELERY_BEAT_SCHEDULE["embassies-invitation-reminders"] = {
    "task": "embassies.send_due_reminders",
    "schedule": 900.0,
}

# WeasyPrint logs each step, and fontTools (its font subsetter) each subset, at INFO.
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}
LOGGING["loggers"]["weasyprint"] = {"level": "WARNING"}
