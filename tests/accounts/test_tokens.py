"""API tokens: issued only on the server (`voordeur token`), audited, hashed, expiring."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from voordeur.accounts.models import ApiToken
from voordeur.audit.models import AuditEvent


def issue(username: str) -> str:
    out = io.StringIO()
    call_command("token", username, stdout=out)
    return out.getvalue().strip().splitlines()[-1]


def test_the_token_on_the_last_line_authenticates_and_is_audited(world) -> None:
    key = issue("broker")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/users/")
    assert response.status_code == 200
    assert [u["username"] for u in response.json()["results"]] == ["broker"]
    event = AuditEvent.objects.filter(action="token").last()
    assert event.detail == {"for_user": "broker"} and event.actor.startswith("system:")
    stored = ApiToken.objects.get(user__username="broker")
    assert key not in (stored.key_hash, stored.prefix + stored.key_hash)  # only a hash is kept
    assert stored.expires_at - timezone.now() > dt.timedelta(days=29)


@pytest.mark.parametrize("change", ["expired", "revoked", "inactive", "wrong"])
def test_expired_revoked_inactive_and_wrong_tokens_are_refused(world, change: str) -> None:
    key = issue("director")
    token = ApiToken.objects.get(user__username="director")
    if change == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    elif change == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    elif change == "inactive":
        token.user.is_active = False
        token.user.save(update_fields=["is_active"])
    else:
        key = key[:-2] + ("aa" if not key.endswith("aa") else "bb")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/trajectories/").status_code == 401


def test_unknown_user_and_bad_days_exit_1(world) -> None:
    with pytest.raises(CommandError) as unknown:
        call_command("token", "nobody")
    assert unknown.value.returncode == 1
    with pytest.raises(CommandError) as bad_days:
        call_command("token", "broker", "--days", "0")
    assert bad_days.value.returncode == 1
