"""Server-issued, expiring API tokens; only a SHA-256 of the key is stored."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from voordeur.accounts.models import ApiToken, User
from voordeur.audit import log as audit


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_issue(*, user: User, by=None, days: int | None = None) -> str:
    """Issue a token for `user`; returns the key, which is shown once and never stored."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        prefix=key[:8],
        key_hash=_digest(key),
        expires_at=timezone.now() + dt.timedelta(days=days or settings.API_TOKEN_DAYS),
    )
    audit.record(by, "token", category="accounts", obj=token, detail={"for_user": user.get_username()})
    return key


class ExpiringTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key: str):
        token = ApiToken.objects.select_related("user", "user__partner").filter(key_hash=_digest(key)).first()
        now = timezone.now()
        if token is None or token.revoked_at or token.expires_at <= now or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
