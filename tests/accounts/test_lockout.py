"""Lockout after repeated failed logins (django-axes), per username and address, audited."""

import io
import os
import subprocess
import sys

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.personas import PASSWORD, World
from voordeur.audit.models import AuditEvent

LOGIN = reverse("login")
WRONG = "niet-het-wachtwoord-1"


def attempt(client: Client, who: str, password: str, ip: str = "127.0.0.1"):
    return client.post(LOGIN, {"username": who, "password": password}, REMOTE_ADDR=ip)


def test_the_fifth_failure_locks_out_with_a_dutch_429_page_and_is_audited(world: World, client, settings) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    before = AuditEvent.objects.count()
    for _ in range(4):
        response = attempt(client, "director", WRONG)
        assert response.status_code == 200 and "Inloggen is niet gelukt" in response.content.decode()
    response = attempt(client, "director", WRONG)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in html and "30 minuten geblokkeerd" in html and '<html lang="nl"' in html
    assert "Traceback" not in html and WRONG not in html
    events = AuditEvent.objects.filter(seq__gt=before, action="login_failed")
    details = sorted((e.detail for e in events), key=len)  # axes' lockout signal comes before our failure row
    assert details == [{"username": "director"}] * 5 + [{"username": "director", "locked_out": True}]


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(world: World, client) -> None:
    for _ in range(5):
        attempt(client, "director", WRONG)
    response = attempt(client, "director", PASSWORD)
    assert response.status_code == 429
    assert client.get(reverse("start")).status_code == 302  # not logged in
    assert not AuditEvent.objects.filter(action="login", actor="director").exists()


def test_the_lockout_is_per_username_and_address(world: World, client) -> None:
    for _ in range(5):
        attempt(client, "director", WRONG, ip="10.0.0.1")
    assert attempt(client, "director", PASSWORD, ip="10.0.0.1").status_code == 429
    assert attempt(Client(), "letting", PASSWORD, ip="10.0.0.1").status_code == 302  # another username
    assert attempt(Client(), "director", PASSWORD, ip="10.0.0.2").status_code == 302  # another address


def test_the_limit_follows_the_setting(world: World, client, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    assert attempt(client, "letting", WRONG).status_code == 200
    assert attempt(client, "letting", WRONG).status_code == 429


def test_the_limit_and_idle_minutes_come_from_the_environment() -> None:
    code = ("import django; django.setup(); from django.conf import settings; "
            "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(), settings.SESSION_IDLE_SECONDS)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "voordeur.settings", "VOORDEUR_LOCKOUT_FAILURES": "7",
           "VOORDEUR_LOCKOUT_MINUTES": "15", "VOORDEUR_IDLE_MINUTES": "20"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["7", "900.0", "1200"]
    default = {k: v for k, v in env.items() if k not in ("VOORDEUR_LOCKOUT_FAILURES", "VOORDEUR_LOCKOUT_MINUTES",
                                                          "VOORDEUR_IDLE_MINUTES")}
    out = subprocess.run([sys.executable, "-c", code], env=default, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["5", "1800.0", "1800"]


def test_api_tokens_are_unaffected_by_a_lockout(world: World, client) -> None:
    out = io.StringIO()
    call_command("token", "director", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    for _ in range(5):
        attempt(client, "director", WRONG)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/trajectories/").status_code == 200


def test_the_failure_records_keep_no_password_or_code(world: World, client) -> None:
    from axes.models import AccessAttempt

    attempt(client, "director", WRONG)
    record = AccessAttempt.objects.get(username="director")
    assert WRONG not in record.post_data and record.failures_since_start == 1
