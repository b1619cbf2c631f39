"""Sessions: the idle timeout and maximum age, polling that does not count, the list of one's
own sessions and ending them."""

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.auth import login_verified
from tests.personas import PASSWORD, World
from voordeur.accounts.models import UserSession
from voordeur.accounts.sessions import SEEN_KEY, STARTED_KEY, describe_user_agent
from voordeur.audit.models import AuditEvent

START = reverse("start")
SESSIONS = reverse("account-sessions")
FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                 "Version/17.5 Mobile/15E148 Safari/604.1")


def set_session(client: Client, **values) -> None:
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def browser(who_agent: str, ip: str) -> Client:
    return Client(HTTP_USER_AGENT=who_agent, REMOTE_ADDR=ip)


# --- idle timeout and maximum age --------------------------------------------------------------------


def test_after_30_idle_minutes_the_session_ends_with_a_dutch_message(world: World, settings) -> None:
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    client = login_verified(Client(), world.user("broker"))
    key = client.session.session_key
    assert client.get(START).status_code == 200
    set_session(client, **{SEEN_KEY: int(time.time()) - 30 * 60 - 1})
    response = client.get(START, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "U bent uitgelogd na 30 minuten zonder activiteit" in response.content.decode()
    assert client.get(START).status_code == 302  # still logged out
    assert not UserSession.objects.filter(session_key=key).exists()
    event = AuditEvent.objects.filter(action="logout", actor="broker").last()
    assert event.detail == {"reason": "idle"}


def test_just_under_the_idle_limit_the_session_lives_on(world: World) -> None:
    client = login_verified(Client(), world.user("broker"))
    set_session(client, **{SEEN_KEY: int(time.time()) - 30 * 60 + 5})
    assert client.get(START).status_code == 200
    assert int(time.time()) - client.session[SEEN_KEY] < 5  # the request counted as activity


def test_the_idle_limit_follows_the_setting(world: World, settings) -> None:
    settings.SESSION_IDLE_SECONDS = 5 * 60
    client = login_verified(Client(), world.user("director"))
    set_session(client, **{SEEN_KEY: int(time.time()) - 5 * 60 - 1})
    response = client.get(START, follow=True)
    assert "U bent uitgelogd na 5 minuten zonder activiteit" in response.content.decode()


def test_polling_does_not_keep_a_session_alive(world: World) -> None:
    client = login_verified(Client(), world.user("director"))
    ten_minutes_ago = int(time.time()) - 600
    set_session(client, **{SEEN_KEY: ten_minutes_ago})
    assert client.get(START, HTTP_X_VOORDEUR_POLL="1", HTTP_HX_REQUEST="true").status_code == 200
    assert client.session[SEEN_KEY] == ten_minutes_ago
    assert client.get(START).status_code == 200
    assert client.session[SEEN_KEY] > ten_minutes_ago


def test_an_idle_poll_gets_a_full_page_redirect_to_the_login_page(world: World) -> None:
    client = login_verified(Client(), world.user("director"))
    set_session(client, **{SEEN_KEY: int(time.time()) - 31 * 60})
    response = client.get(START, HTTP_X_VOORDEUR_POLL="1", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == reverse("login")
    assert "zonder activiteit" in client.get(reverse("login")).content.decode()


def test_the_polling_pages_send_the_poll_header(world: World) -> None:
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "voordeur" / "web" / "templates"
    polling = [p for p in templates.rglob("*.html") if 'hx-trigger="every' in p.read_text()]
    assert polling
    for path in polling:
        assert """hx-headers='{"X-Voordeur-Poll": "1"}'""" in path.read_text(), path


def test_an_idle_session_api_call_is_refused(world: World) -> None:
    client = APIClient()
    login_verified(client, world.user("director"))
    assert client.get("/api/v1/trajectories/").status_code == 200
    set_session(client, **{SEEN_KEY: int(time.time()) - 31 * 60})
    assert client.get("/api/v1/trajectories/").status_code in (401, 403)
    assert client.get(START).status_code == 302


def test_a_session_ends_at_its_maximum_age_however_active(world: World, settings) -> None:
    client = login_verified(Client(), world.user("director"))
    set_session(client, **{STARTED_KEY: int(time.time()) - settings.SESSION_COOKIE_AGE - 1})
    response = client.get(START, follow=True)
    assert "Uw sessie is verlopen" in response.content.decode()
    assert AuditEvent.objects.filter(action="logout", actor="director").last().detail == {"reason": "expired"}


def test_activity_is_written_at_most_once_a_minute(world: World) -> None:
    client = login_verified(Client(), world.user("director"))
    seen = client.session[SEEN_KEY]
    client.get(START)
    assert client.session[SEEN_KEY] == seen  # within the minute: no session write
    set_session(client, **{SEEN_KEY: seen - 61})
    client.get(START)
    assert client.session[SEEN_KEY] >= seen
    row = UserSession.objects.get(session_key=client.session.session_key)
    assert timezone.now() - row.last_seen < dt.timedelta(seconds=5)


# --- the list of sessions --------------------------------------------------------------------------


def test_login_records_the_session_and_logout_removes_it(world: World) -> None:
    client = browser(FIREFOX_LINUX, "192.0.2.7")
    client.post(reverse("login"), {"username": "director", "password": PASSWORD})
    row = UserSession.objects.get(session_key=client.session.session_key)
    assert (row.user.username, row.ip, row.user_agent) == ("director", "192.0.2.7", FIREFOX_LINUX)
    client.post(reverse("logout"))
    assert not UserSession.objects.filter(pk=row.pk).exists()


def test_the_list_shows_ones_own_sessions_and_marks_this_one(world: World) -> None:
    laptop = browser(FIREFOX_LINUX, "192.0.2.7")
    phone = browser(SAFARI_IPHONE, "198.51.100.9")
    for client in (laptop, phone):
        client.post(reverse("login"), {"username": "director", "password": PASSWORD})
    Client().post(reverse("login"), {"username": "letting", "password": PASSWORD})  # someone else's
    response = laptop.get(SESSIONS)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-vd="session"') == 2
    assert "Firefox · Linux" in html and "Safari · iOS" in html
    assert "192.0.2.7" in html and "198.51.100.9" in html
    assert html.count("(deze sessie)") == 1 and html.count('data-vd-current="true"') == 1
    assert html.index('data-vd-current="true"') < html.index("Safari · iOS")  # this session first
    current = html[html.index('data-vd-current="true"'):]
    assert "Firefox · Linux" in current[:current.index("</li>")]
    assert laptop.session.session_key not in html and phone.session.session_key not in html  # keys are secrets
    assert "Alle andere sessies beëindigen" in html


def test_ending_another_session_logs_that_browser_out(world: World) -> None:
    laptop, phone = browser(FIREFOX_LINUX, "192.0.2.7"), browser(SAFARI_IPHONE, "198.51.100.9")
    for client in (laptop, phone):
        client.post(reverse("login"), {"username": "director", "password": PASSWORD})
    assert phone.get(START).status_code == 200
    other = UserSession.objects.get(session_key=phone.session.session_key)
    response = laptop.post(SESSIONS, {"sessie": other.pk})
    assert response.status_code == 302
    assert "De sessie is beëindigd" in laptop.get(SESSIONS).content.decode()
    assert phone.get(START).status_code == 302  # signed out
    assert laptop.get(START).status_code == 200  # this one lives on
    assert not UserSession.objects.filter(pk=other.pk).exists()
    event = AuditEvent.objects.filter(action="delete", object_type="accounts.usersession").last()
    assert (event.actor, event.object_id, event.detail) == ("director", str(other.pk), {"reason": "ended_by_user"})


def test_ending_all_other_sessions(world: World) -> None:
    clients = [browser(FIREFOX_LINUX, f"192.0.2.{n}") for n in (1, 2, 3)]
    for client in clients:
        client.post(reverse("login"), {"username": "director", "password": PASSWORD})
    clients[0].post(SESSIONS, {"alle_andere": "1"})
    assert [c.get(START).status_code for c in clients] == [200, 302, 302]
    assert UserSession.objects.filter(user__username="director").count() == 1


def test_nobody_ends_someone_elses_session(world: World) -> None:
    mine = login_verified(Client(), world.user("admin"))
    theirs = Client()
    theirs.post(reverse("login"), {"username": "director", "password": PASSWORD})
    other = UserSession.objects.get(session_key=theirs.session.session_key)
    assert mine.post(SESSIONS, {"sessie": other.pk}).status_code == 404
    assert mine.post(SESSIONS, {"sessie": "niets"}).status_code == 404
    assert theirs.get(START).status_code == 200
    assert "director" not in mine.get(SESSIONS).content.decode()


def test_this_session_is_not_ended_from_the_list(world: World) -> None:
    client = login_verified(Client(), world.user("director"))
    client.get(SESSIONS)
    own = UserSession.objects.get(session_key=client.session.session_key)
    response = client.post(SESSIONS, {"sessie": own.pk}, follow=True)
    assert "Gebruik ‘Uitloggen’" in response.content.decode()
    assert client.get(START).status_code == 200


def test_idle_sessions_are_not_listed(world: World) -> None:
    client = login_verified(Client(), world.user("director"))
    stale = Client()
    stale.post(reverse("login"), {"username": "director", "password": PASSWORD})
    UserSession.objects.filter(session_key=stale.session.session_key).update(
        last_seen=timezone.now() - dt.timedelta(minutes=31))
    assert client.get(SESSIONS).content.decode().count('data-vd="session"') == 1


def test_the_header_links_to_the_sessions_page(world: World) -> None:
    html = login_verified(Client(), world.user("letting")).get(START).content.decode()
    assert f'href="{SESSIONS}"' in html and "Mijn sessies" in html


@pytest.mark.parametrize(
    ("agent", "expected"),
    [
        (FIREFOX_LINUX, ("Firefox", "Linux")),
        (SAFARI_IPHONE, ("Safari", "iOS")),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 "
         "Safari/537.36 Edg/126.0.0.0", ("Edge", "Windows")),
        ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
         "Safari/537.36", ("Chrome", "Android")),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
         "Safari/605.1.15", ("Safari", "macOS")),
        ("curl/8.5.0", ("", "")),
        ("", ("", "")),
    ],
)
def test_the_browser_is_named_from_the_user_agent(agent: str, expected: tuple[str, str]) -> None:
    assert describe_user_agent(agent) == expected


@pytest.mark.parametrize(("behind_proxy", "expected"), [(False, "10.0.0.5"), (True, "203.0.113.9")])
def test_the_client_address_is_the_one_our_proxy_saw(rf, settings, behind_proxy: bool, expected: str) -> None:
    from voordeur.accounts.sessions import client_ip

    settings.BEHIND_PROXY = behind_proxy
    request = rf.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == expected
