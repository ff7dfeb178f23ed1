"""Settings for the ICS Directory: one module, driven by the environment.

DJANGO_ENV picks the mode. "production" (the default, so that a forgotten variable fails safe)
needs a real SECRET_KEY and ALLOWED_HOSTS and turns on HTTPS-only cookies and HSTS;
"development" allows an insecure key and DEBUG. DATABASE_URL chooses the database: an SQLite
file beside manage.py unless set (PostgreSQL: postgres://user@host:port/name).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from sources.licence import OGL

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "production").strip().lower()
if ENVIRONMENT not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = ENVIRONMENT == "production"

# Development shows the site's own error pages too; DJANGO_DEBUG=true asks for Django's.
DEBUG = False if PRODUCTION else env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if PRODUCTION and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "Production needs SECRET_KEY: at least 50 random characters, not a 'django-insecure' key. "
        "For local work set DJANGO_ENV=development (the Makefile does)."
    )
if not SECRET_KEY:
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Production needs ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "icsdir.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "simple_history",
    "axes",
    "sources",
    "systems",
    "boards",
    "corrections",
    "directory",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "icsdir.compression.CompressData",
    "icsdir.errors.RejectControlCharacters",
    "icsdir.pagecache.ConditionalGetMiddleware",
    "icsdir.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it answers a locked-out login attempt.
    "axes.middleware.AxesMiddleware",
]

# Editors' logins: after AXES_FAILURE_LIMIT wrong passwords for one user name from one address,
# that pair is locked out for AXES_COOLOFF_MINUTES, and every failure is logged (logger "axes").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("SECURE_PROXY_SSL") else ["REMOTE_ADDR"]
)

ROOT_URLCONF = "icsdir.urls"
WSGI_APPLICATION = "icsdir.wsgi.application"

TEMPLATES = [
    # The public site's pages (directory/jinja2/; see directory.templating).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "directory.templating.environment"},
    },
    # The admin's, and those of the apps it uses.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# Nothing outside the process may hold a request for long: a database that does not answer gives
# the error page within these times (seconds), and the worker is free again.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "3"))
DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "5"))
# A query still waiting a second after the server should have cancelled it is cut off by the
# client (icsdir.postgresql): a frozen server cannot cancel anything.
DATABASE_QUERY_DEADLINE = DATABASE_STATEMENT_TIMEOUT + 1
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "icsdir.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": DATABASE_CONNECT_TIMEOUT,
            "options": f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once: readers never wait for a writer (WAL), a writer waits its turn
    # (busy timeout) and takes the write lock when its transaction starts (immediate), so that a
    # save never fails with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": DATABASE_STATEMENT_TIMEOUT,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# Public pages are cached until the directory's data changes (icsdir/pagecache.py). The page
# cache and the data version must be shared by every server process: folders on local disk on
# one host, or one Redis server for several hosts (REDIS_URL). The version is kept apart from
# the pages, so that no amount of page traffic can evict it.
PAGE_CACHE_ALIAS = "pages"
DATA_VERSION_ALIAS = "versions"
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600" if PRODUCTION else "0"))
# How long browsers and proxies may reuse a public answer before asking again (with its ETag).
HTTP_MAX_AGE = int(os.environ.get("HTTP_MAX_AGE", "300" if PRODUCTION else "0"))
# A cache that does not answer within this time is passed by (seconds).
CACHE_TIMEOUT = float(os.environ.get("CACHE_TIMEOUT", "0.5"))
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_DIR = Path(os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")))


def shared_cache(prefix, folder, max_entries):
    """Redis under `prefix` when REDIS_URL is set, else a file cache in `folder`."""
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": CACHE_TIMEOUT, "socket_timeout": CACHE_TIMEOUT},
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(folder),
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    PAGE_CACHE_ALIAS: shared_cache(PAGE_CACHE_ALIAS, PAGE_CACHE_DIR, 5000),
    # A subfolder: the page cache's culling and clearing touch only files directly in its folder.
    DATA_VERSION_ALIAS: shared_cache(DATA_VERSION_ALIAS, PAGE_CACHE_DIR / "versions", 10),
}

# Email tells editors of readers' suggestions: the console in development; in production SMTP,
# through the server the environment names (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD, EMAIL_USE_TLS), by default the host's own mail server. A mail server that
# fails loses the email only: the suggestion waits in the editors' queue.
if PRODUCTION:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS"),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ICS Directory <editors@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The open data API: read-only JSON for everyone, no sessions or browsable pages.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_FILTER_BACKENDS": ["api.filters.AsAtFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.DirectorySchema",
    "EXCEPTION_HANDLER": "api.errors.handler",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ICS Directory API",
    "DESCRIPTION": (
        "England's integrated care systems, their boards, partnerships, councils, NHS trusts "
        "and changes, as at any date. Read-only; no key needed."
    ),
    "VERSION": "1",
    "LICENSE": OGL,
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Built by `npm run build` (make assets) from the NHS.UK frontend package; not in git.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Outside production, serve static files straight from the app and static/ folders, so that
# the site also runs with DEBUG off (as the browser tests do) without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# The project's own tables (curated facts, the source register) and the generated fixtures. The
# public files they are built from are read from the shared folder beside the project, never copied
# into it (sources.files).
DATA_DIR = BASE_DIR / "data"
SHARED_DIR = Path(os.environ.get("ICSDIR_SHARED", str(BASE_DIR.parent / "shared")))
FIXTURE_DIR = BASE_DIR / "fixtures"

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if env_bool("SECURE_PROXY_SSL", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Everything the pages load comes from this site: no inline scripts, no third-party hosts.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Errors go to standard error, where the deployment routes them (journald, a log service):
# server errors and their tracebacks (django.request), failed logins and lockouts (axes), and a
# cache or data version that could not be reached (icsdir.pagecache).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "axes": {"level": "INFO"},
        "django.request": {"level": "ERROR"},
    },
}
