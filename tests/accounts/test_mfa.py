"""The second factor (TOTP): who needs it, enrolment, verification, the gate, the demo rule."""

import io
import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from tests.auth import login_verified, totp_code, totp_device
from tests.personas import OURS, PASSWORD, World
from voordeur.access.policy import POLICY, Category, Level, Role
from voordeur.accounts import mfa
from voordeur.accounts.models import User
from voordeur.audit.models import AuditEvent
from voordeur.web.shell.account import ENROL_KEY_SESSION

START = reverse("start")
VERIFY = reverse("account-mfa-verify")
ENROL = reverse("account-mfa-enrol")
SENSITIVE_FOUR = (Category.LIFE_DOMAINS, Category.ARREARS, Category.CRIME, Category.RESEARCH)


def password_login(client: Client, who: str) -> None:
    response = client.post(reverse("login"), {"username": who, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def is_verified(client: Client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# --- who needs a second factor ------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_second_factor_roles_are_computed_from_the_policy_table(role: Role) -> None:
    reads_sensitive = any(POLICY[category][role] in (Level.READ, Level.WRITE, Level.OWN_READ, Level.OWN_WRITE)
                          for category in SENSITIVE_FOUR)
    assert mfa.role_requires_second_factor(role) is (reads_sensitive or role in (Role.PRIVACY, Role.ADMIN))


def test_the_second_factor_roles_today() -> None:
    """The table as it stands: `agg` is not a read, so the director and the municipal
    advisor (agg on life domains and arrears) need no code; own-read roles do."""
    assert mfa.roles_requiring_second_factor() == {
        Role.SOCIAL_MANAGER, Role.BROKER, Role.NBH_TEAM, Role.DEBT_HELP, Role.ENFORCEMENT, Role.RESEARCHER,
        Role.PRIVACY, Role.ADMIN,
    }
    assert POLICY[Category.LIFE_DOMAINS][Role.DIRECTOR] is Level.AGG
    assert not mfa.role_requires_second_factor(Role.DIRECTOR)
    assert not mfa.role_requires_second_factor("") and not mfa.role_requires_second_factor(None)


# --- the gate -------------------------------------------------------------------------------------


def test_a_role_without_second_factor_goes_straight_in(world: World, client) -> None:
    password_login(client, "director")
    assert client.get(START).status_code == 200


def test_unverified_user_without_an_app_is_sent_to_enrolment_everywhere(world: World, client) -> None:
    password_login(client, "broker")
    for url in (START, reverse("trajectory", kwargs={"slug": OURS}), reverse("account-sessions"),
                reverse("account-mfa"), f"/huishoudens/{world.households['h1']}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == f"{ENROL}?next={url.replace('/', '%2F')}", (url, response.url)
    html = client.get(ENROL).content.decode()
    assert 'class="vd-nav"' not in html  # no navigation until the code is entered
    assert world.values["h1"]["name"] not in html


def test_unverified_user_with_an_app_is_sent_to_the_code_page(world: World, client) -> None:
    totp_device(world.user("broker"))
    password_login(client, "broker")
    assert client.get(START).url == f"{VERIFY}?next=%2F"
    # replacing the app needs the old one first: the password alone is not enough
    assert client.get(ENROL).url.startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).url.startswith(VERIFY)


def test_htmx_requests_of_an_unverified_user_get_a_full_page_redirect(world: World, client) -> None:
    totp_device(world.user("broker"))
    password_login(client, "broker")
    response = client.get(reverse("door-grid", kwargs={"slug": OURS}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == VERIFY
    assert b"Akkerstraat" not in response.content


def test_session_api_calls_of_an_unverified_user_are_403(world: World) -> None:
    client = APIClient()
    password_login(client, "broker")
    response = client.get("/api/v1/households/")
    assert response.status_code == 403
    assert "authenticator-app" in response.json()["detail"]
    assert world.values["h1"]["name"] not in response.content.decode()
    login_verified(client, world.user("broker"))
    assert client.get("/api/v1/households/").status_code == 200


def test_token_api_calls_need_no_second_factor(world: World) -> None:
    out = io.StringIO()
    call_command("token", "broker", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/households/").status_code == 200
    password_login(client, "broker")  # an unverified session beside the token changes nothing
    assert client.get("/api/v1/households/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Basic YnJva2VyOng=")  # not a token: the session counts
    assert client.get("/api/v1/households/").status_code == 403


# --- enrolment ---------------------------------------------------------------------------------------


def _shown_secret(html: str) -> str:
    match = re.search(r'data-vd="totp-secret">([A-Z2-7 ]+)<', html)
    assert match, "the secret is shown as text"
    return match.group(1).replace(" ", "")


def test_enrolment_shows_secret_and_qr_and_a_right_code_links_the_app(world: World, client) -> None:
    password_login(client, "social_manager")
    response = client.get(f"{ENROL}?next=/t/{OURS}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<img class="vd-qr" src="data:image/svg+xml;base64,' in html and 'alt="QR-code' in html
    key = client.session[ENROL_KEY_SESSION]
    assert _shown_secret(html) == mfa.base32_secret(key).replace(" ", "")
    assert client.get(ENROL).content.decode().count(mfa.base32_secret(key)) == 1  # same secret on reload
    uri = mfa.otpauth_uri(world.user("social_manager"), key)
    assert uri.startswith("otpauth://totp/Voordeur%3Asocial_manager?secret=") and uri.endswith("&issuer=Voordeur")

    session_key = client.session.session_key
    code = mfa.totp_token(key, at=time.time())
    response = client.post(ENROL, {"code": code[:3] + " " + code[3:], "next": f"/t/{OURS}/"})
    assert response.status_code == 302 and response.url == f"/t/{OURS}/"
    device = TOTPDevice.objects.get(user__username="social_manager")
    assert device.confirmed and device.key == key
    assert is_verified(client) and client.session.session_key != session_key  # a new session key
    assert ENROL_KEY_SESSION not in client.session
    assert client.get(START).status_code == 200
    event = AuditEvent.objects.filter(action="create", object_type="otp_totp.totpdevice").last()
    assert event.actor == "social_manager" and event.object_id == str(device.pk)


def test_a_wrong_enrolment_code_links_nothing_and_is_audited(world: World, client) -> None:
    password_login(client, "social_manager")
    client.get(ENROL)
    key = client.session[ENROL_KEY_SESSION]
    wrong = f"{(int(mfa.totp_token(key, at=time.time())) + 1) % 1_000_000:06d}"
    before = AuditEvent.objects.count()
    response = client.post(ENROL, {"code": wrong})
    html = response.content.decode()
    assert response.status_code == 200 and "Deze code klopt niet" in html and 'aria-invalid="true"' in html
    assert not TOTPDevice.objects.filter(user__username="social_manager", confirmed=True).exists()
    assert not is_verified(client) and client.get(START).status_code == 302
    failed = AuditEvent.objects.filter(action="login_failed", seq__gt=before).get()
    assert failed.detail == {"username": "social_manager", "factor": "totp"} and wrong not in str(failed.detail)


def test_a_malformed_code_is_a_form_error(world: World, client) -> None:
    password_login(client, "social_manager")
    client.get(ENROL)
    response = client.post(ENROL, {"code": "12ab"})
    assert "Vul de 6 cijfers in" in response.content.decode()


def test_a_verified_user_replaces_the_app_and_the_old_one_stops_working(world: World, client) -> None:
    user = world.user("privacy")
    old = totp_device(user)
    login_verified(client, user)
    html = client.get(ENROL).content.decode()
    assert "U koppelt een nieuwe app" in html
    key = client.session[ENROL_KEY_SESSION]
    assert client.post(ENROL, {"code": mfa.totp_token(key, at=time.time())}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=user).values_list("key", flat=True)) == [key]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_roles_without_second_factor_are_told_so_and_cannot_enrol(world: World, client) -> None:
    login_verified(client, world.user("contractor"))
    assert "niet nodig" in client.get(ENROL).content.decode()
    assert "niet nodig" in client.get(reverse("account-mfa")).content.decode()
    assert client.post(ENROL, {"code": "123456"}).url == reverse("account-mfa")
    assert not TOTPDevice.objects.filter(user__username="contractor").exists()


# --- verification ------------------------------------------------------------------------------------


def test_a_right_code_verifies_the_session_and_returns_to_the_page_asked_for(world: World, client) -> None:
    device = totp_device(world.user("researcher"))
    password_login(client, "researcher")
    wanted = f"/t/{OURS}/cijfers/"
    assert client.get(wanted).url == f"{VERIFY}?next={wanted.replace('/', '%2F')}"
    html = client.get(f"{VERIFY}?next={wanted}").content.decode()
    assert "Code uit uw authenticator-app" in html and 'autocomplete="one-time-code"' in html
    response = client.post(VERIFY, {"code": totp_code(device), "next": wanted})
    assert response.status_code == 302 and response.url == wanted
    assert is_verified(client) and client.get(wanted).status_code == 200
    event = AuditEvent.objects.filter(action="login", actor="researcher").last()
    assert event.detail == {"factor": "totp"}
    assert "U hoeft nu geen code in te voeren" in client.get(VERIFY).content.decode()


def test_a_code_is_accepted_only_once(world: World) -> None:
    device = totp_device(world.user("researcher"))
    first, second = Client(), Client()
    password_login(first, "researcher")
    password_login(second, "researcher")
    code = totp_code(device)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    before = AuditEvent.objects.count()
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert not is_verified(second)
    refused = AuditEvent.objects.filter(seq__gt=before).get()  # the reuse is logged
    assert (refused.action, refused.detail) == ("login_failed", {"username": "researcher", "factor": "totp"})


def test_a_wrong_code_is_refused_and_audited(world: World, client, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's own delay after a failure is tested below
    device = totp_device(world.user("enforcement"))
    password_login(client, "enforcement")
    right = totp_code(device)
    response = client.post(VERIFY, {"code": f"{(int(right) + 500_000) % 1_000_000:06d}"})
    assert response.status_code == 200 and "Deze code klopt niet" in response.content.decode()
    assert not is_verified(client)
    assert AuditEvent.objects.filter(action="login_failed").last().detail == {
        "username": "enforcement", "factor": "totp"}
    assert client.post(VERIFY, {"code": right}).status_code == 302 and is_verified(client)


def test_after_a_wrong_code_django_otp_makes_the_next_one_wait(world: World, client) -> None:
    device = totp_device(world.user("enforcement"))
    password_login(client, "enforcement")
    right = totp_code(device)
    client.post(VERIFY, {"code": f"{(int(right) + 500_000) % 1_000_000:06d}"})
    response = client.post(VERIFY, {"code": right})  # right, but within the throttle delay
    assert response.status_code == 200 and not is_verified(client)


def test_wrong_codes_count_toward_the_lockout(world: World, client, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = totp_device(world.user("nbh_team"))
    password_login(client, "nbh_team")
    right = totp_code(device)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(VERIFY, {"code": wrong}).status_code == 200
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 429
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert client.get(START).url.startswith(reverse("login"))  # the half-signed-in session is gone
    locked = AuditEvent.objects.filter(action="login_failed", detail__locked_out=True).last()
    assert locked.detail["username"] == "nbh_team"
    assert AuditEvent.objects.filter(action="logout", actor="nbh_team").last().detail == {"reason": "locked_out"}
    # the password is refused too until the cool-off ends, and a right code no longer helps
    response = client.post(reverse("login"), {"username": "nbh_team", "password": PASSWORD})
    assert response.status_code == 429 and not client.session.get("_auth_user_id")


def test_next_must_stay_on_this_site(world: World, client) -> None:
    device = totp_device(world.user("broker"))
    password_login(client, "broker")
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://elders.example/"})
    assert response.url == START


# --- demo accounts -----------------------------------------------------------------------------------


def _demo_broker(world: World) -> User:
    user = world.user("broker")
    User.objects.filter(pk=user.pk).update(demo_account=True)
    return world.user("broker")


def test_demo_accounts_need_no_second_factor_in_demo_mode(world: World, client, settings) -> None:
    settings.DEMO_MODE = True
    _demo_broker(world)
    password_login(client, "broker")
    assert client.get(START).status_code == 200
    assert "demo-account in de demo" in client.get(reverse("account-mfa")).content.decode()
    other = Client()
    password_login(other, "nbh_team")  # not a demo account: demo mode alone exempts nothing
    assert other.get(START).url.startswith(ENROL)


def test_outside_demo_mode_the_demo_flag_exempts_nothing(world: World, client, settings) -> None:
    settings.DEMO_MODE = False
    assert mfa.requires_second_factor(_demo_broker(world))
    password_login(client, "broker")
    assert client.get(START).url.startswith(ENROL)


def test_ordinary_accounts_are_not_demo_accounts(world: World) -> None:
    assert not User.objects.filter(demo_account=True).exists()
    created = User.objects.create_user("nieuw", password=PASSWORD, role=Role.BROKER)
    assert created.demo_account is False


def test_an_admin_command_unlinks_a_lost_app_and_the_user_links_a_new_one(world: World, client) -> None:
    user = world.user("broker")
    totp_device(user)
    login_verified(client, user)
    assert client.get(START).status_code == 200
    out = io.StringIO()
    call_command("mfa_reset", "broker", stdout=out)
    assert "Removed 1" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(START).url.startswith(ENROL)  # the verified session needs a code again
    event = AuditEvent.objects.filter(action="delete", object_type="otp_totp.totpdevice").last()
    assert event.detail == {"user": "broker", "devices": 1} and event.actor.startswith("system:")
