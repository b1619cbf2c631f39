"""Voordeur's one settings file, driven by the environment (see docs/configuration in README).

There are no production-only code paths: the same file runs the demo, the tests and
production. Secure defaults apply unless VOORDEUR_DEBUG or demo mode say otherwise.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from voordeur.lib.env import env_bool, env_int, env_list, env_str
from voordeur.lib.local_keys import local_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VOORDEUR_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("VOORDEUR_DEBUG", False)
# Demo mode (set by `voordeur demo`): plain HTTP on loopback, demo accounts without 2FA.
DEMO_MODE = env_bool("VOORDEUR_DEMO", False)

SECRET_KEY = local_key(VAR_DIR, "secret", env="VOORDEUR_SECRET_KEY")
# Field encryption keys, newest first (comma-separated Fernet keys).
FIELD_KEYS = env_list("VOORDEUR_FIELD_KEYS") or [local_key(VAR_DIR, "field", env="VOORDEUR_FIELD_KEY_LOCAL")]
AUDIT_KEY = local_key(VAR_DIR, "audit", env="VOORDEUR_AUDIT_KEY")

ALLOWED_HOSTS = env_list("VOORDEUR_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "voordeur.access",
    "voordeur.accounts",
    "voordeur.audit",
    "voordeur.places",
    "voordeur.trajectories",
    "voordeur.households",
    "voordeur.works",
    "voordeur.jobs",
    "voordeur.consent",
    "voordeur.letters",
    "voordeur.imports",
    "voordeur.exploring",
    "voordeur.visits",
    "voordeur.referrals",
    "voordeur.safety",
    "voordeur.aggregates",
    "voordeur.privacy",
    "voordeur.api",
    "voordeur.ops",
    "voordeur.web",
    "voordeur.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "voordeur.lib.headers.PermissionsPolicyMiddleware",
    "voordeur.api.middleware.ApiJsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "voordeur.lib.headers.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "voordeur.accounts.middleware.SessionGuardMiddleware",  # idle timeout, sessions list, 2FA gate
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes requires: turns a lockout into its page
]

ROOT_URLCONF = "voordeur.urls"
WSGI_APPLICATION = "voordeur.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "voordeur.web.context.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'voordeur.sqlite3'}"),
        conn_max_age=env_int("VOORDEUR_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
# axes first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "voordeur" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "voordeur" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or DEMO_MODE
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# --- Security -------------------------------------------------------------------------------
_relaxed = DEBUG or DEMO_MODE
SECURE_SSL_REDIRECT = env_bool("VOORDEUR_SSL_REDIRECT", not _relaxed)
SESSION_COOKIE_SECURE = not _relaxed
CSRF_COOKIE_SECURE = not _relaxed
SECURE_HSTS_SECONDS = 0 if _relaxed else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not _relaxed
SECURE_HSTS_PRELOAD = not _relaxed
BEHIND_PROXY = env_bool("VOORDEUR_BEHIND_PROXY")  # also: the client address is the one our proxy forwards
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Pages carry the CSRF token in the form / hx-headers; no script needs to read the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not _relaxed
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("VOORDEUR_SESSION_SECONDS", 8 * 3600)
X_FRAME_OPTIONS = "DENY"
# Permissions-Policy (no setting in Django) and Cache-Control: no-store for signed-in users and
# the API: voordeur/lib/headers.py. API errors Django renders itself come as JSON: voordeur/api/middleware.py.

# --- Login security (ADR 0006) ---------------------------------------------------------------
# A session ends after this long without activity (htmx polls sending X-Voordeur-Poll do not count),
# and in any case SESSION_COOKIE_AGE after its login.
SESSION_IDLE_SECONDS = env_int("VOORDEUR_IDLE_MINUTES", 30) * 60
# Lockout: after this many failed passwords or codes for one username from one address, that
# combination is refused for the cool-off period (counted again from each further attempt).
AXES_FAILURE_LIMIT = env_int("VOORDEUR_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("VOORDEUR_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "voordeur.web.shell.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "voordeur.accounts.sessions.client_ip"
AXES_USERNAME_CALLABLE = "voordeur.accounts.sessions.lockout_username"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log; no second store of them
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]  # masked in axes' failure records
# TOTP second factor (django-otp): a device is a user's authenticator app.
OTP_TOTP_ISSUER = env_str("VOORDEUR_OTP_ISSUER", "Voordeur")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- API -------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "voordeur.accounts.tokens.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "voordeur.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "voordeur.api.schema.CategoryAutoSchema",
    "EXCEPTION_HANDLER": "voordeur.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Voordeur API",
    "DESCRIPTION": "Sociaal renoveren. Every property carries x-voordeur-category.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],  # the schema is for integrators with a token
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the six phases, used by Trajectory.current_phase and PhasePlan.phase; one
    # name per `kind` that a record and its create body share.
    "ENUM_NAME_OVERRIDES": {"PhaseEnum": "voordeur.trajectories.models.Phase",
                            "TimeOfDayEnum": "voordeur.visits.models.Visit.TimeOfDay",
                            "CrimeSignalKindEnum": "voordeur.safety.models.CrimeSignal.Kind",
                            "ReferralKindEnum": "voordeur.referrals.models.Referral.Kind"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "voordeur.api.schema.tag_categories",
    ],
}
API_TOKEN_DAYS = env_int("VOORDEUR_TOKEN_DAYS", 30)

# --- the contact-load guard (voordeur/lib/contact_load.py) ------------------------------------
# Warn before a new approach once a household had this many approaches within the window.
CONTACT_LIMIT = env_int("VOORDEUR_CONTACT_LIMIT", 2)
CONTACT_WINDOW_DAYS = env_int("VOORDEUR_CONTACT_WINDOW_DAYS", 14)
# --- Retention (docs/retention.md) -----------------------------------------------------------
# Days each category is kept; the defaults are voordeur/privacy/periods.py. Override one with
# VOORDEUR_RETENTION_<CATEGORY>_DAYS, e.g. VOORDEUR_RETENTION_CONTACTS_LOG_DAYS=365.
RETENTION_DAYS = {
    name.removeprefix("VOORDEUR_RETENTION_").removesuffix("_DAYS").lower(): env_int(name, 0)
    for name in sorted(os.environ)
    if name.startswith("VOORDEUR_RETENTION_") and name.endswith("_DAYS")
}

EMAIL_BACKEND = env_str("VOORDEUR_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("VOORDEUR_FROM_EMAIL", "voordeur@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("VOORDEUR_LOG_LEVEL", "WARNING")},
}
