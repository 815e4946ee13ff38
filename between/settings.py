"""Settings for Between, read from environment variables.

Every value has a development default, so `make run` needs no configuration. The
production variables are listed in the README. A secret may also be read from a file
named by the same variable with a `_FILE` suffix, e.g. BETWEEN_SECRET_KEY_FILE.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.csp import CSP

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = Path(os.environ.get("BETWEEN_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    """Return $NAME, or the contents of the file named by $NAME_FILE, or default."""
    if name in os.environ:
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name, "")
    if not value:
        return default
    return value.lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def _dev_secret(filename: str) -> str:
    """A per-checkout secret kept outside version control, made on first use."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    VAR_DIR.chmod(0o700)  # keys and the database live here: this user only
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("BETWEEN_DEBUG", False)
# Django's own error pages (route list, traceback) under DEBUG; off, even under DEBUG,
# unless a developer asks: `make run` is also how newcomers first meet Between.
DEBUG_PAGES = env_bool("BETWEEN_DEBUG_PAGES", False)
# Served over HTTPS behind a proxy: secure cookies, HSTS and an HTTP->HTTPS redirect.
HTTPS = env_bool("BETWEEN_HTTPS", False)

SECRET_KEY_FROM_ENV = bool(env_str("BETWEEN_SECRET_KEY"))
SECRET_KEY = env_str("BETWEEN_SECRET_KEY") or _dev_secret("secret.key")
ALLOWED_HOSTS = env_list("BETWEEN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("BETWEEN_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("BETWEEN_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "between.accounts",
    "between.audit",
    "between.journal",
    "between.care",
    "between.safety",
    "between.diary",
    "between.skills",
    "between.risk",
    "between.rights",
    "between.clinic",
    "between.measures",
    "between.summary",
    "between.parts",
    "between.circles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Near the top, so an error any later middleware answers is JSON for the API too.
    "between.lib.middleware.api_errors_as_json",
    "between.lib.middleware.friendly_errors",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "between.accounts.middleware.session_timeout",
    "between.accounts.middleware.own_time_zone",
    "between.accounts.middleware.once_per_form_token",
    "between.accounts.middleware.once_per_idempotency_key",
    "between.lib.middleware.require_mfa",
    "between.lib.middleware.no_store_when_signed_in",
    "between.lib.middleware.permissions_policy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "between.urls"
WSGI_APPLICATION = "between.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "between.lib.context.site",
                "between.safety.prompt.pending",
                "between.rights.context.closing",
                "between.care.context.reach",
                "between.circles.context.waiting",
            ],
        },
    },
]

# Databases: SQLite by default (WAL, so readers never wait on the writer);
# PostgreSQL when DATABASE_URL is set.
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("BETWEEN_CONN_MAX_AGE", 60)  # seconds a connection is kept for reuse
# PostgreSQL: each process keeps a pool of up to this many connections, shared by its
# threads (Django's pool, on psycopg_pool). 0: no pool, each thread keeps its own.
DB_POOL_SIZE = env_int("BETWEEN_DB_POOL_SIZE", 8)


def from_url(url: str) -> dict:
    import dj_database_url

    found = dj_database_url.parse(url, conn_max_age=CONN_MAX_AGE)
    if DB_POOL_SIZE and "postgresql" in found["ENGINE"]:
        found["CONN_MAX_AGE"] = 0  # the pool keeps connections instead
        found.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": DB_POOL_SIZE,
                                                   "timeout": 20}
    return found


if DATABASE_URL:
    DATABASES = {"default": from_url(DATABASE_URL)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("BETWEEN_SQLITE_PATH", str(VAR_DIR / "between.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory, so tests can inspect what really reaches the disk.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
            # Each gunicorn thread keeps its connection, instead of opening the file and
            # running the pragmas above on every request.
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
        }
    }

# Wrapped data keys live in a database of their own, never in the main database's backups:
# erasing a person deletes their key here, and an old main-database backup then holds only
# ciphertext nobody can open. Back this up on its own short cycle (README: "Backups").
KEYSTORE_URL = env_str("BETWEEN_KEYSTORE_URL")
if KEYSTORE_URL:
    DATABASES["keystore"] = from_url(KEYSTORE_URL)
else:
    DATABASES["keystore"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env_str("BETWEEN_KEYSTORE_PATH", str(VAR_DIR / "keystore.sqlite3")),
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20},
        "TEST": {"NAME": str(VAR_DIR / "test-keystore.sqlite3")},
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": True,
    }
DATABASE_ROUTERS = ["between.accounts.keystore.Router"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
PASSWORD_RESET_TIMEOUT = 2 * 60 * 60
LOGIN_REDIRECT_URL = "home"

# Sessions: server-side, 12 hours at most; idle limits per role are enforced by
# between.accounts.middleware.session_timeout.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_IDLE_SECONDS = {"client": 30 * 60, "clinician": 15 * 60, "admin": 15 * 60}

# Failed logins: five tries per email from one address, then a 15 minute pause.
AXES_FAILURE_LIMIT = env_int("BETWEEN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "between.accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "between.accounts.views.login_email"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit log already
AXES_VERBOSE = False
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

OTP_TOTP_ISSUER = env_str("BETWEEN_OTP_ISSUER", "Between")

QUICK_EXIT_URL = env_str("BETWEEN_QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")


def origin_of(url: str) -> list[str]:
    """The scheme and host a URL leads to, for a CSP source list; none for about:blank."""
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.netloc else []


# Security headers. CSP comes from Django's own middleware. Quick exit's form is answered
# with a redirect to QUICK_EXIT_URL, and browsers check a form's redirect against
# form-action too, so that one origin is allowed there.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *origin_of(QUICK_EXIT_URL)],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("BETWEEN_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Joining the browsers' HSTS preload list binds the whole domain for years: the owner's
# decision (BETWEEN_HSTS_PRELOAD=1), not a default, so its reminder is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Request bodies are small: cap them so a flood cannot exhaust memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("BETWEEN_MAX_BODY_BYTES", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

# Encryption at rest: the master key wraps each client's data key.
# Keys the audit chain, so a row edited and re-hashed with database access alone no
# longer verifies. Kept apart from the database, like the master key; never rotated.
AUDIT_KEY_FROM_ENV = bool(env_str("BETWEEN_AUDIT_KEY"))
AUDIT_KEY = env_str("BETWEEN_AUDIT_KEY") or _dev_secret("audit.key")
# Wording for copyrighted questionnaires (BSL-23, DES-II, DERS-16) that a clinic holds
# permission to use: one <slug>.toml per measure. Empty: those measures are not offered.
MEASURE_TEXT_DIR = env_str("BETWEEN_MEASURE_TEXT_DIR")
# `between runjobs` appends the chain's signed head here: outside the database, so a cut
# tail is caught. Make it append-only (chattr +a) or point it at a log host's mount.
AUDIT_ANCHOR_FILE = Path(env_str("BETWEEN_AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.log")))
MASTER_KEY_FROM_ENV = bool(env_str("BETWEEN_MASTER_KEY"))
MASTER_KEY = env_str("BETWEEN_MASTER_KEY") or _dev_secret("master.key")
PREVIOUS_MASTER_KEYS = env_list("BETWEEN_PREVIOUS_MASTER_KEYS")

# Web Push for reminders, opt-in per device. The VAPID key identifies this installation to
# browsers' push services; `between generate-vapid-key` makes one.
VAPID_PRIVATE_KEY = env_str("BETWEEN_VAPID_PRIVATE_KEY")
VAPID_CONTACT = env_str("BETWEEN_VAPID_CONTACT", "mailto:admin@localhost")
# Only these push services are ever sent to: a subscription names a URL, and the server
# must not post to any URL a browser hands it.
PUSH_SERVICE_HOSTS = env_list("BETWEEN_PUSH_SERVICE_HOSTS") or [
    "fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com",
    "notify.windows.com", "push.apple.com"]
PUSH_ALLOW_HTTP = False  # tests only: their fake push service speaks plain HTTP

# The crisis page's country when nothing else says where a visitor is (ISO 3166 code).
DEFAULT_COUNTRY = env_str("BETWEEN_DEFAULT_COUNTRY", "GB")

# Where the quick-exit control goes: somewhere ordinary and neutral.

# Email: printed to the console until BETWEEN_EMAIL_HOST names an SMTP server.
if env_str("BETWEEN_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("BETWEEN_EMAIL_HOST"),
                "port": env_int("BETWEEN_EMAIL_PORT", 587),
                "username": env_str("BETWEEN_EMAIL_USER"),
                "password": env_str("BETWEEN_EMAIL_PASSWORD"),
                "use_tls": env_bool("BETWEEN_EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("BETWEEN_EMAIL_FROM", "Between <between@localhost>")
# How long a worker's claim on an email holds before another may try it (runjobs).
EMAIL_LEASE_SECONDS = env_int("BETWEEN_EMAIL_LEASE_SECONDS", 600)
# Never mail tracebacks: they can carry request bodies, which carry free text.
ADMINS: list = []

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("BETWEEN_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Logs carry events and ids, never request bodies or free text.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("BETWEEN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}
