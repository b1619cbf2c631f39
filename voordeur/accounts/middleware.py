"""The session guard: idle timeout and maximum age, session bookkeeping, the second-factor gate.

Runs after django-otp's OTPMiddleware and Django's MessageMiddleware (settings.MIDDLEWARE).
It looks only at *session* logins: API calls with a server-issued token carry no session
and are authenticated later by DRF; the second factor does not apply to them (ADR 0006).
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from voordeur.accounts import mfa, services
from voordeur.accounts.auth_events import LOGOUT_REASON_ATTR
from voordeur.accounts.sessions import (
    EXPIRED, IDLE, SEEN_KEY, STARTED_KEY, client_ip, end_reason, is_poll, needs_touch, user_agent,
)

# Pages an authenticated user who still owes a second factor may open (URL names, no namespace).
OPEN_BEFORE_SECOND_FACTOR = frozenset({"login", "logout", "account-mfa-verify", "account-mfa-enrol", "set_language"})
API_NAMESPACE = "api"
TOKEN_PREFIX = "token "  # ExpiringTokenAuthentication's keyword, lower-cased


def _is_api(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return bool(match.namespaces) and match.namespaces[0] == API_NAMESPACE
    return request.path_info.startswith("/api/")


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _go(request, url: str) -> HttpResponse:
    """A redirect the browser follows as a page load, also from an htmx request."""
    if _is_htmx(request):
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return redirect(url)


def _with_next(url: str, request) -> str:
    if request.method != "GET" or _is_htmx(request):
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"


class SessionGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            reason = end_reason(request.session, now)
            if reason is not None:
                return self._end_session(request, reason)
            if not is_poll(request) and needs_touch(request.session, now):
                request.session[SEEN_KEY] = now
                request.session.setdefault(STARTED_KEY, now)  # a session from before these rules
                services.user_session_seen(user=user, session_key=request.session.session_key,
                                           ip=client_ip(request), user_agent=user_agent(request))
        return self.get_response(request)

    def _end_session(self, request, reason: str):
        setattr(request, LOGOUT_REASON_ATTR, reason)
        logout(request)
        if _is_api(request):  # carries on anonymously: DRF answers that credentials are missing
            return self.get_response(request)
        if reason == IDLE:
            minutes = settings.SESSION_IDLE_SECONDS // 60
            messages.info(request, _("U bent uitgelogd na %(minutes)d minuten zonder activiteit. Log opnieuw in om "
                                     "verder te gaan.") % {"minutes": minutes})
        elif reason == EXPIRED:
            messages.info(request, _("Uw sessie is verlopen. Log opnieuw in om verder te gaan."))
        if _is_htmx(request):
            return _go(request, reverse("login"))
        return self.get_response(request)  # pages behind login send the visitor to the login page

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not mfa.requires_second_factor(user) or mfa.is_verified(user):
            return None
        match = request.resolver_match
        if not match.namespaces and match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if _is_api(request):
            if request.headers.get("Authorization", "").lower().startswith(TOKEN_PREFIX):
                return None  # DRF authenticates the token (or refuses it); the session plays no part
            return JsonResponse(
                {"detail": _("Bevestig eerst uw inlog met de code uit uw authenticator-app.")}, status=403
            )
        step = "account-mfa-verify" if mfa.confirmed_device(user) else "account-mfa-enrol"
        return _go(request, _with_next(reverse(step), request))
