"""Logins, logouts and failed logins go to the audit log (connected in AccountsConfig.ready)."""

from voordeur.access.policy import Category
from voordeur.audit.log import ANONYMOUS, record

USERNAME_MAX = 150  # the username field's length; anything longer is not a username


def on_login(sender, request, user, **kwargs) -> None:
    record(user, "login", category=Category.ACCOUNTS, obj=user)


def on_logout(sender, request, user, **kwargs) -> None:
    if user is None:  # logging out without a session
        return
    record(user, "logout", category=Category.ACCOUNTS, obj=user)


def on_login_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    # Only the attempted username: never the password, whatever the credentials hold.
    username = str(credentials.get("username", ""))[:USERNAME_MAX]
    record(ANONYMOUS, "login_failed", category=Category.ACCOUNTS, detail={"username": username})
