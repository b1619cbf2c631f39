"""In a real browser on a phone-sized screen: a password and a TOTP code, enrolment, the sessions
page and the lockout page — each page checked with axe."""

import base64
import re
import time

import pytest

from tests.auth import totp_code, totp_device
from tests.browser.conftest import assert_accessible, enter_code
from tests.personas import PASSWORD
from voordeur.accounts import mfa
from voordeur.accounts.models import User

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def _password(page, who: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.locator("input[name=username]").fill(who)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()


def test_a_broker_logs_in_with_password_and_code_on_a_phone(page, live_server) -> None:
    page.set_viewport_size(PHONE)
    device = totp_device(User.objects.get(username="broker"))
    _password(page, "broker")
    assert "/account/tweestapsverificatie/code/" in page.url, page.url
    assert page.locator("input[name=code]").get_attribute("autocomplete") == "one-time-code"
    assert page.locator("nav.vd-nav").count() == 0
    assert_accessible(page)
    _fits(page)

    enter_code(page, totp_code(device))
    assert page.url == f"{live_server.url}/", page.url
    assert "Akkerflat Vernieuwt" in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Mijn sessies").click()
    page.wait_for_url("**/account/sessies/")
    assert page.locator("[data-vd=session]").count() == 1
    assert "(deze sessie)" in page.locator("[data-vd-current=true]").inner_text()
    assert_accessible(page)
    _fits(page)


def test_a_wrong_code_is_explained_accessibly(page, live_server) -> None:
    page.set_viewport_size(PHONE)
    device = totp_device(User.objects.get(username="broker"))
    _password(page, "broker")
    right = totp_code(device)
    enter_code(page, f"{(int(right) + 500_000) % 1_000_000:06d}")
    assert "/account/tweestapsverificatie/code/" in page.url
    code = page.locator("input[name=code]")
    assert code.get_attribute("aria-invalid") == "true"
    assert "code-error" in code.get_attribute("aria-describedby")
    assert "Deze code klopt niet" in page.locator("#code-error").inner_text()
    assert_accessible(page)


def test_a_social_manager_links_an_app_by_the_shown_secret(page, live_server) -> None:
    page.set_viewport_size(PHONE)
    _password(page, "social_manager")
    assert "/account/tweestapsverificatie/instellen/" in page.url, page.url
    qr = page.locator("img.vd-qr")
    assert qr.is_visible() and qr.get_attribute("src").startswith("data:image/svg+xml;base64,")
    assert page.evaluate("document.querySelector('img.vd-qr').naturalWidth") > 0  # the CSP lets it load
    assert_accessible(page)
    _fits(page)

    secret = page.locator("[data-vd=totp-secret]").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    key_hex = base64.b32decode(secret).hex()
    enter_code(page, mfa.totp_token(key_hex, at=time.time()))
    assert page.url == f"{live_server.url}/", page.url  # back to the page asked for: the start page
    assert "Uw authenticator-app is gekoppeld" in page.content()
    assert page.locator("h1").inner_text().startswith("Welkom")
    assert_accessible(page)


def test_the_lockout_page_is_dutch_and_accessible(page, live_server) -> None:
    page.set_viewport_size(PHONE)
    for _ in range(5):
        _password(page, "director", "niet-het-wachtwoord-1")
    assert page.locator("h1").inner_text() == "Tijdelijk geblokkeerd"
    assert "30 minuten geblokkeerd" in page.content()
    assert_accessible(page)
    _fits(page)
