"""Settings shared by every environment.

Everything that differs between machines is read from the environment here or in
the environment's own module (``dev``, ``production``, ``test``); the README lists
every variable.
"""

from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


# Applications

INSTALLED_APPS = [
    "home",
    "stories",
    "search",
    "webhooks",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "rest_framework",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin says "8 seconds ago" with humanize's naturaltime; installed,
    # its catalogues say it in Norwegian.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "interreg.middleware.OptionalTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "interreg.middleware.RedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below every middleware that adds headers, so that a cached page gets them
    # exactly as a fresh one does (interreg/page_cache.py).
    "interreg.page_cache.PageCacheMiddleware",
    "interreg.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "interreg.urls"
WSGI_APPLICATION = "interreg.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# Database: DATABASE_URL, or a SQLite file in the project folder.

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}


def postgres_options():
    """What every PostgreSQL connection is opened with."""
    # PostgreSQL's JIT compiles any query whose estimated cost passes a threshold;
    # at 10,000 pages the routing and related-story queries pass it and spend
    # half a second compiling what runs in milliseconds (bench/README: make bench).
    # random_page_cost: PostgreSQL's default (4) prices a random read as a
    # spinning disk; on SSD storage (1.1, PG_RANDOM_PAGE_COST) it answers the
    # story list's counts and facets from indexes instead of reading every story
    # (a third less time at 10,000 stories).
    options = {
        "options": (
            f"-c jit=off -c random_page_cost={env_float('PG_RANDOM_PAGE_COST', 1.1)}"
        )
    }
    # The queries a page makes on every request (home/compiled.py) go as
    # prepared statements: PostgreSQL parses them once per connection and may
    # keep a plan (a story page's wait for PostgreSQL 7.9 to 4.6 ms at 10,000
    # stories). Off with PREPARED_STATEMENTS=false behind a pooler that cannot
    # keep them (PgBouncer in transaction mode before 1.21). Django's own
    # queries are never prepared either way.
    if env_bool("PREPARED_STATEMENTS", True):
        options["prepare_threshold"] = 1
        # Planned once per connection, too. Left to choose, PostgreSQL plans a
        # prepared query again on every run whenever its guess for an unknown
        # array (`= ANY($1)`) looks dearer than the values at hand: always for
        # one story's tags, themes and project links. CPU a request in
        # PostgreSQL: story page 4.3 to 3.0 ms, API detail 4.2 to 1.9 ms, no
        # page slower (README, Performance). Only prepared queries are affected.
        options["options"] += " -c plan_cache_mode=force_generic_plan"
    return options


if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).update(postgres_options())
else:
    # Covering indexes (a story's date, its tags) serve PostgreSQL; SQLite
    # (`make run`) gets them as plain indexes, which is all it needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Caches: only in Redis, which every process shares (DESIGN.md, "Caches"). Without
# REDIS_URL nothing is cached between requests (not even Wagtail's own lookups),
# and the page, fragment and API caches are off: the site runs on its cold path,
# which needs no cache. Asking for one of them without REDIS_URL is an error.

REDIS_URL = env_str("REDIS_URL")
SHARED_CACHE = bool(REDIS_URL)
if SHARED_CACHE:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "interreg",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


# `make bench` serves a trivial view at /bench/trivial when this is on.
BENCH_TRIVIAL_VIEW = env_bool("BENCH_TRIVIAL_VIEW")

# Full-page cache for anonymous readers (interreg/page_cache.py); 0 turns it off.
# The production settings turn it on when there is a shared cache.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)

# Template fragments in the shared cache (home/templatetags/fragment_tags.py).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", SHARED_CACHE)

# Whole API responses in the shared cache until content changes; 0 turns it off.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 600 if SHARED_CACHE else 0)


def require_shared_cache(**wanted):
    """Refuse a cache that would live in one process's memory."""
    asked = [name for name, value in wanted.items() if value]
    if asked and not SHARED_CACHE:
        raise ImproperlyConfigured(
            f"{', '.join(asked)} needs REDIS_URL: caches live only in Redis, which "
            "every process shares. Set REDIS_URL, or leave the caches off."
        )


require_shared_cache(
    PAGE_CACHE_SECONDS=PAGE_CACHE_SECONDS,
    FRAGMENT_CACHE=FRAGMENT_CACHE,
    API_CACHE_SECONDS=API_CACHE_SECONDS,
)

# A CDN in front is purged on publish (wagtail.contrib.frontend_cache).
WAGTAILFRONTENDCACHE = (
    {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
        }
    }
    if env_str("FRONTEND_CACHE_PURGE_URL")
    else {}
)


# Background work: Django tasks. Immediate (inside the request) in development
# and tests; production hands them to the database-backed worker (Procfile:
# worker), see production.py.

TASK_BACKEND = env_str(
    "TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
TASKS = {"default": {"BACKEND": TASK_BACKEND}}


# Logging in: django-axes locks out a username from an address after repeated
# failures; two-factor authentication (wagtail-2fa) is optional: users who add
# an authenticator must use it.

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if env_bool("USE_X_FORWARDED_FOR")
    else ["REMOTE_ADDR"]
)
# Checked by OptionalTwoFactorMiddleware, which asks only users with a device.
WAGTAIL_2FA_REQUIRED = True
WAGTAIL_2FA_OTP_TOTP_NAME = "Interreg Stories"


# Content Security Policy on the public site (django-csp); the admin has its own.

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}


# Passwords

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]


# Languages: Norwegian Bokmål is the default at /, English lives at /en/.
# Their names are translated: the admin says "engelsk" to a Norwegian user. The
# site's language switcher names each language in itself (home/templatetags).

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("en", _("English")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own strings (makemessages), then the translations Wagtail,
# wagtail-localize and taggit lack or misspell (kept by hand, see the README):
# Django reads LOCALE_PATHS before the apps' own catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True


# Static files and media

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_root")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")

# Uploaded images, their renditions and documents: in an S3-compatible bucket
# when AWS_STORAGE_BUCKET_NAME is set (every server shares it), otherwise in
# MEDIA_ROOT on this server's disk.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": AWS_S3_ENDPOINT_URL,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": AWS_S3_CUSTOM_DOMAIN,
            # Public files at stable addresses: pages, feeds and the API link them.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    MEDIA_ORIGIN = (
        f"https://{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else AWS_S3_ENDPOINT_URL
    )
else:
    MEDIA_STORAGE = {"BACKEND": "home.storage.MediaStorage"}
    MEDIA_ORIGIN = None

STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if MEDIA_ORIGIN:
    # Pages show images from the bucket.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)

# The API (Wagtail API v2)

# Addresses in API responses start with this; empty: the host the API was called on.
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL")
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_SEARCH_ENABLED = True
REST_FRAMEWORK = {
    "COERCE_DECIMAL_TO_STRING": False,
    # The API is the same for everyone: no sessions, so no drafts for editors.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
}
# Headless preview: editors can preview drafts in the front end at this address.
FRONTEND_PREVIEW_URL = env_str("FRONTEND_PREVIEW_URL")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": FRONTEND_PREVIEW_URL} if FRONTEND_PREVIEW_URL else {},
}


# Webhooks: every receiver gets a signed POST when a page is published,
# unpublished, moved or deleted (webhooks/).
WEBHOOK_URLS = env_list("WEBHOOK_URLS")
WEBHOOK_SECRET = env_str("WEBHOOK_SECRET")
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10)  # seconds to answer (5 to connect)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)


# CORS: which front ends may call the API from a browser.

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
# Front ends may retry a tip with the same key (POST /api/tips/).
CORS_ALLOW_HEADERS = (*default_headers, "idempotency-key")


# Wagtail's page editor can exceed Django's default of 1,000 fields per form.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# E-mail: console in development, SMTP where EMAIL_HOST is set.

EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# How long a worker's claim on an e-mail holds before another may send it (the
# first worker may have died while talking to the mail server).
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 2 * EMAIL_TIMEOUT + 30)
# The wait before the first retry of an e-mail; each retry waits twice as long.
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Interreg Stories <noreply@interreg.no>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)


# Hosts

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


# Wagtail

WAGTAIL_SITE_NAME = _("Interreg Stories")
# Wagtail's login form with its password field labelled in the user's language.
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.LoginForm"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# PostgreSQL full-text search with each language's own stemming (search/backend.py);
# the ordinary database backend on other databases.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "norwegian",
        "LANGUAGE_CONFIGS": {"nb": "norwegian", "en": "english"},
    },
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Images: no SVG or other active content, and limits on size and pixels.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The image form has the image's "may be shared" choice (stories.ImageReuse).
WAGTAILIMAGES_IMAGE_FORM_BASE = "stories.image_forms.ImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False


# Story tips: abuse limits and retention of personal data.

TIP_RATE_LIMIT = env_int("TIP_RATE_LIMIT", 5)  # tips per address per hour
TIP_MIN_FILL_SECONDS = env_int("TIP_MIN_FILL_SECONDS", 3)
TIP_RETENTION_DAYS = env_int("TIP_RETENTION_DAYS", 180)
# Behind a proxy that sets X-Forwarded-For, the first address there is the client.
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR")


# A new translation starts as a draft (readers never see untranslated text in the
# other language); it goes live through the editorial workflow.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False


# Machine translation in wagtail-localize's editor: off unless MACHINE_TRANSLATOR
# names a backend.

MACHINE_TRANSLATORS = {
    "libretranslate": lambda: {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env_str("MACHINE_TRANSLATOR_URL"),
            "API_KEY": env_str("MACHINE_TRANSLATOR_API_KEY"),
            "TIMEOUT": env_int("MACHINE_TRANSLATOR_TIMEOUT", 10),
        },
    },
    "deepl": lambda: {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": env_str("MACHINE_TRANSLATOR_API_KEY"),
            "TIMEOUT": env_int("MACHINE_TRANSLATOR_TIMEOUT", 10),
        },
    },
}
MACHINE_TRANSLATOR = env_str("MACHINE_TRANSLATOR").strip().lower()
if MACHINE_TRANSLATOR:
    if MACHINE_TRANSLATOR not in MACHINE_TRANSLATORS:
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATOR={MACHINE_TRANSLATOR!r} is not one of "
            f"{', '.join(MACHINE_TRANSLATORS)}."
        )
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = MACHINE_TRANSLATORS[MACHINE_TRANSLATOR]()


# Logging: one line per record on stderr, for the platform's log collector.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
