"""Small pure pieces of session handling: the client's address, a readable browser name, the
session-store keys for activity and the rules for when a session has ended (ADR 0006)."""

import re
from importlib import import_module

from django.conf import settings

# Session keys (values are unix seconds, so the session stays JSON-serialisable).
STARTED_KEY = "voordeur_started"
SEEN_KEY = "voordeur_seen"
# Last activity is written at most once a minute: the idle limit is then met within a minute
# early, never late, and a busy page does not write the session on every request.
TOUCH_SECONDS = 60
# htmx polling (progress of a background job) sends this header: it does not count as activity.
POLL_HEADER = "HTTP_X_VOORDEUR_POLL"

USERNAME_MAX = 150  # the username field's length; anything longer is not a username

IDLE = "idle"
EXPIRED = "expired"


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind our own proxy (VOORDEUR_BEHIND_PROXY) the
    address that proxy appended to X-Forwarded-For (the right-most one; the rest is the
    client's own say). Also axes' AXES_CLIENT_IP_CALLABLE, so lockout and sessions agree."""
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR") or None


def lockout_username(request, credentials=None) -> str | None:
    """The username axes counts failures under (AXES_USERNAME_CALLABLE): what was typed, cut to
    the username field's 150 characters. Longer input is not a username, and axes stores it in
    a 255-character column that PostgreSQL enforces."""
    typed = (credentials or {}).get("username") or getattr(request, "POST", {}).get("username")
    return typed[:USERNAME_MAX] if typed else typed


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:300]


def is_poll(request) -> bool:
    return request.META.get(POLL_HEADER) == "1"


def end_reason(session, now: int) -> str | None:
    """Why this session is over at unix time `now`: idle too long, too old, or not (None)."""
    seen = session.get(SEEN_KEY)
    started = session.get(STARTED_KEY)
    if seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
        return IDLE
    if started is not None and now - started > settings.SESSION_COOKIE_AGE:
        return EXPIRED
    return None


def needs_touch(session, now: int) -> bool:
    seen = session.get(SEEN_KEY)
    return seen is None or now - seen >= TOUCH_SECONDS


def session_store(session_key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


# (pattern, name), first match wins: Edge and Opera also say "Chrome", Chrome also "Safari".
BROWSERS = [
    (re.compile(r"Edg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"OPR/|Opera"), "Opera"),
    (re.compile(r"Firefox/|FxiOS/"), "Firefox"),
    (re.compile(r"SamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"Chrome/|CriOS/|Chromium/"), "Chrome"),
    (re.compile(r"Safari/"), "Safari"),
]
SYSTEMS = [
    (re.compile(r"iPhone|iPad|iPod"), "iOS"),
    (re.compile(r"Android"), "Android"),
    (re.compile(r"Windows"), "Windows"),
    (re.compile(r"Mac OS X|Macintosh"), "macOS"),
    (re.compile(r"CrOS"), "ChromeOS"),
    (re.compile(r"Linux"), "Linux"),
]


def describe_user_agent(text: str) -> tuple[str, str]:
    """(browser, operating system) from a User-Agent header; "" for what is not recognised."""
    browser = next((name for pattern, name in BROWSERS if pattern.search(text)), "")
    system = next((name for pattern, name in SYSTEMS if pattern.search(text)), "")
    return browser, system
