"""Logins, logouts, failed logins and lockouts go to the audit log (connected in AccountsConfig.ready).

A login also starts the session's bookkeeping: its start and last activity in the session
(for the idle and age rules) and a UserSession row (for the user's list of sessions).
"""

import time

from voordeur.access.policy import Category
from voordeur.accounts import services
from voordeur.accounts.sessions import SEEN_KEY, STARTED_KEY, USERNAME_MAX, client_ip, user_agent
from voordeur.audit.log import ANONYMOUS, record

LOGOUT_REASON_ATTR = "voordeur_logout_reason"  # set on the request by whoever ends a session


def on_login(sender, request, user, **kwargs) -> None:
    record(user, "login", category=Category.ACCOUNTS, obj=user)
    session = getattr(request, "session", None)
    if session is None:
        return
    now = int(time.time())
    session[STARTED_KEY] = now
    session[SEEN_KEY] = now
    if session.session_key is None:
        session.save()
    services.user_session_start(user=user, session_key=session.session_key, ip=client_ip(request),
                                user_agent=user_agent(request))


def on_logout(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    services.user_session_forget(session_key=session.session_key if session is not None else None)
    if user is None:  # logging out without a session
        return
    reason = getattr(request, LOGOUT_REASON_ATTR, None)
    record(user, "logout", category=Category.ACCOUNTS, obj=user, detail={"reason": reason} if reason else None)


def _username(value) -> str:
    return str(value or "")[:USERNAME_MAX]


def on_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    # Only the attempted username: never the password, whatever the credentials hold.
    detail = {"username": _username(credentials.get("username"))}
    if credentials.get("factor") == "totp":  # a wrong code after a right password (services.second_factor_failed)
        detail["factor"] = "totp"
    record(ANONYMOUS, "login_failed", category=Category.ACCOUNTS, detail=detail)


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """axes locked this username at this address out (its `user_locked_out` signal)."""
    record(ANONYMOUS, "login_failed", category=Category.ACCOUNTS,
           detail={"username": _username(username), "locked_out": True})
