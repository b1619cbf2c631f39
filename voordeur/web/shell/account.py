"""The user's own account pages: their sessions, and the second factor (enrol, verify).

Every role reads its own account (`accounts` is own-read or more for all), so these pages
open for everyone who is logged in. The verify and enrol pages are also open to a user who
still owes their second factor (accounts.middleware.OPEN_BEFORE_SECOND_FACTOR).
"""

from dataclasses import dataclass

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.accounts import mfa, services
from voordeur.accounts.auth_events import LOGOUT_REASON_ATTR
from voordeur.accounts.models import UserSession
from voordeur.accounts.selectors import access_user_session, user_session_list
from voordeur.accounts.sessions import describe_user_agent
from voordeur.web.shell.forms import CodeForm
from voordeur.web.shell.pages import CategoryPage

ENROL_KEY_SESSION = "voordeur_totp_enrol_key"  # the secret shown during enrolment, until confirmed
LOCKED_OUT = "locked_out"


@dataclass(frozen=True)
class SessionRow:
    session: UserSession
    browser: str
    system: str
    is_current: bool


class SessionListView(CategoryPage, TemplateView):
    """Where the user is signed in; they can end any other session, or all others."""

    primary_category = Category.ACCOUNTS
    template_name = "web/account/sessions.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        current = self.request.session.session_key
        rows = [SessionRow(s, *describe_user_agent(s.user_agent), s.session_key == current)
                for s in user_session_list(user=user)]
        rows.sort(key=lambda row: not row.is_current)  # this session first, then the latest active
        return super().get_context_data(
            rows=rows,
            has_others=any(not row.is_current for row in rows),
            second_factor_role=mfa.requires_second_factor(user),
            idle_minutes=settings.SESSION_IDLE_SECONDS // 60,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        user = request.user
        current = request.session.session_key
        if "alle_andere" in request.POST:
            ended = services.user_sessions_end_others(by=user, keep_key=current)
            messages.success(request, _("Alle andere sessies zijn beëindigd (%(count)d).") % {"count": ended})
            return redirect("account-sessions")
        session = access_user_session(user, request.POST.get("sessie"))
        if session.session_key == current:
            messages.info(request, _("Dit is de sessie die u nu gebruikt. Gebruik ‘Uitloggen’ om die te beëindigen."))
            return redirect("account-sessions")
        services.user_session_end(by=user, session=session)
        messages.success(request, _("De sessie is beëindigd. Op dat apparaat moet opnieuw worden ingelogd."))
        return redirect("account-sessions")


class SecondFactorView(CategoryPage, TemplateView):
    """Whether this account uses a second factor, since when, and a way to link a new app."""

    primary_category = Category.ACCOUNTS
    template_name = "web/account/second_factor.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        return super().get_context_data(
            required=mfa.requires_second_factor(user),
            role_requires=mfa.role_requires_second_factor(user.role),
            demo_exempt=mfa.is_demo_exempt(user),
            device=mfa.confirmed_device(user),
            **kwargs,
        )


def _next_url(request, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return default


def _complete(request, device) -> None:
    """The code was right: this session is verified, under a new session key and CSRF token."""
    django_otp.login(request, device)
    old_key = request.session.session_key
    request.session.cycle_key()
    services.user_session_rekey(old_key=old_key, new_key=request.session.session_key)
    rotate_token(request)


def _lock_out(request) -> HttpResponseRedirect:
    """Too many wrong codes: end the half-signed-in session; AxesMiddleware shows the lockout page."""
    setattr(request, LOGOUT_REASON_ATTR, LOCKED_OUT)
    request.axes_locked_out = True
    logout(request)
    return redirect("login")


def _is_locked(request) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": request.user.get_username()})


class CodeStepView(CategoryPage, TemplateView):
    """Shared by enrolment and verification: a code form whose wrong answers count toward lockout."""

    primary_category = Category.ACCOUNTS

    def code_failed(self, request, form: CodeForm):
        services.second_factor_failed(request=request, user=request.user)
        if getattr(request, "axes_locked_out", False):
            return _lock_out(request)
        form.reject(_("Deze code klopt niet of is al gebruikt. Wacht op een nieuwe code in uw app en probeer het "
                      "opnieuw."))
        return None


class VerifyView(CodeStepView):
    """After the password: the code from the user's authenticator app."""

    template_name = "registration/second_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and mfa.requires_second_factor(user) and not mfa.is_verified(user):
            if _is_locked(request):
                return _lock_out(request)
            self.device = mfa.confirmed_device(user)
            if self.device is None:
                query = urlencode({"next": _next_url(request, reverse("start"))})
                return redirect(f"{reverse('account-mfa-enrol')}?{query}")
        else:
            self.device = None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            pending=self.device is not None,
            next=_next_url(self.request, ""),
            **{"form": CodeForm(), **kwargs},
        )

    def post(self, request, *args, **kwargs):
        if self.device is None:
            return redirect(_next_url(request, reverse("start")))
        form = CodeForm(request.POST)
        if form.is_valid():
            if services.second_factor_verify(user=request.user, device=self.device, token=form.cleaned_data["code"]):
                _complete(request, self.device)
                return redirect(_next_url(request, reverse("start")))
            refused = self.code_failed(request, form)
            if refused is not None:
                return refused
        return self.render_to_response(self.get_context_data(form=form))


class EnrolView(CodeStepView):
    """Link an authenticator app: the secret as text and as a QR code, confirmed with a code.

    Open before the second factor only to a user who has no app linked yet; replacing a linked
    app needs a session verified with the old one (else the password alone would be enough).
    """

    template_name = "registration/second_factor_enrol.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        self.required = user.is_authenticated and mfa.requires_second_factor(user)
        if self.required and not mfa.is_verified(user):
            if _is_locked(request):
                return _lock_out(request)
            if mfa.confirmed_device(user) is not None:
                query = urlencode({"next": _next_url(request, reverse("start"))})
                return redirect(f"{reverse('account-mfa-verify')}?{query}")
        return super().dispatch(request, *args, **kwargs)

    def _key(self) -> str:
        key = self.request.session.get(ENROL_KEY_SESSION)
        if not key:
            key = mfa.new_key()
            self.request.session[ENROL_KEY_SESSION] = key
        return key

    def get_context_data(self, **kwargs) -> dict:
        context = {"required": self.required, "next": _next_url(self.request, "")}
        if self.required:
            key = self._key()
            uri = mfa.otpauth_uri(self.request.user, key)
            context.update(
                secret=mfa.base32_secret(key),
                qr=mfa.qr_data_uri(uri),
                replacing=mfa.confirmed_device(self.request.user) is not None,
                form=CodeForm(),
            )
        return super().get_context_data(**{**context, **kwargs})

    def post(self, request, *args, **kwargs):
        if not self.required:
            return redirect("account-mfa")
        form = CodeForm(request.POST)
        if form.is_valid():
            device = services.second_factor_enrol(user=request.user, key_hex=self._key(),
                                                  token=form.cleaned_data["code"])
            if device is not None:
                request.session.pop(ENROL_KEY_SESSION, None)
                _complete(request, device)
                messages.success(request, _("Uw authenticator-app is gekoppeld. Voortaan vraagt Voordeur na uw "
                                            "wachtwoord om een code uit die app."))
                return redirect(_next_url(request, reverse("account-mfa")))
            refused = self.code_failed(request, form)
            if refused is not None:
                return refused
        return self.render_to_response(self.get_context_data(form=form))
