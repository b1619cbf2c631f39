"""Security headers and cookies of real responses under the production settings the tests
run with (tests/conftest.py: production settings, only the HTTPS redirect off because the
test client speaks plain HTTP; `secure=True` requests stand in for HTTPS)."""

import json
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.auth import login_verified
from tests.personas import PASSWORD, World
from voordeur.accounts.tokens import token_issue


@pytest.fixture(autouse=True)
def _production_settings() -> None:
    assert not settings.DEBUG and not settings.DEMO_MODE, "run the tests without VOORDEUR_DEBUG / VOORDEUR_DEMO"


def _signed_in(world: World, who: str = "broker") -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def _csp(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in policy.split(";")) if d}


def test_a_page_carries_the_security_headers(world: World) -> None:
    response = _signed_in(world).get(reverse("start"), secure=True)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 365 * 24 * 3600
    assert "includeSubDomains" in hsts
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp[directive] and "'unsafe-eval'" not in csp[directive], csp[directive]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()", feature


def test_the_login_page_and_unknown_pages_carry_them_too(db) -> None:
    for url in (reverse("login"), "/bestaat-niet/"):
        response = Client().get(url, secure=True)
        assert "Strict-Transport-Security" in response and "Content-Security-Policy" in response, url
        assert "camera=()" in response["Permissions-Policy"], url


def test_pages_for_a_signed_in_user_are_not_stored(world: World) -> None:
    client = _signed_in(world)
    for url in (reverse("start"), reverse("trajectory", kwargs={"slug": "ons-traject"})):
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"], url


def test_api_answers_are_not_stored(world: World) -> None:
    key = token_issue(user=world.user("broker"))
    client = Client()
    for headers in ({"Authorization": f"Token {key}"}, {}):
        response = client.get("/api/v1/households/", headers=headers, secure=True)
        assert response.status_code == (200 if headers else 401)
        assert "no-store" in response["Cache-Control"], headers
    session = _signed_in(world).get("/api/v1/households/", secure=True)
    assert session.status_code == 200 and "no-store" in session["Cache-Control"]


def _cookie_flags(morsel) -> tuple[bool, bool, str]:
    return bool(morsel["secure"]), bool(morsel["httponly"]), morsel["samesite"]


def test_session_csrf_and_language_cookies_are_secure_httponly_samesite(world: World) -> None:
    client = Client()
    login_page = client.get(reverse("login"), secure=True)
    assert _cookie_flags(login_page.cookies[settings.CSRF_COOKIE_NAME]) == (True, True, "Lax")
    signed_in = client.post(reverse("login"), {"username": "broker", "password": PASSWORD}, secure=True)
    assert signed_in.status_code == 302
    assert _cookie_flags(signed_in.cookies[settings.SESSION_COOKIE_NAME]) == (True, True, "Lax")
    language = client.post(reverse("set_language"), {"language": "en", "next": reverse("start")}, secure=True)
    assert _cookie_flags(language.cookies[settings.LANGUAGE_COOKIE_NAME]) == (True, True, "Lax")


def test_api_errors_django_renders_itself_are_json(world: World) -> None:
    key = token_issue(user=world.user("broker"))
    response = Client().get("/api/v1/units/1.5/", headers={"Authorization": f"Token {key}"}, secure=True)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}
    assert "Strict-Transport-Security" in response and "no-store" in response["Cache-Control"]


def test_an_api_server_error_is_a_generic_json_message() -> None:
    """A 500 under /api/ tells the client nothing of the failure (the HTML error page, a
    traceback): the generic DRF message, with the status and headers kept."""
    from django.http import HttpResponseServerError
    from django.test import RequestFactory

    from voordeur.api.middleware import ApiJsonErrorsMiddleware

    def failing_view(request):
        page = HttpResponseServerError("<html>Traceback: ValueError in user_create</html>")
        page["X-Frame-Options"] = "DENY"
        return page

    response = ApiJsonErrorsMiddleware(failing_view)(RequestFactory().post("/api/v1/users/"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert response["X-Frame-Options"] == "DENY"
    body = response.content.decode()
    assert "Traceback" not in body and "user_create" not in body
    assert set(json.loads(body)) == {"detail"}
    page = ApiJsonErrorsMiddleware(failing_view)(RequestFactory().get("/t/ons-traject/"))
    assert page["Content-Type"].startswith("text/html")  # pages keep their HTML error pages
