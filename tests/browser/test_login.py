"""In a real browser: the login page, logging in as a persona, and axe on both pages."""

import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_login_lands_on_start_page_and_both_pages_are_accessible(page, live_server) -> None:
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/login/"), page.url  # not logged in: to the login page
    assert page.locator("input[name=username]").is_visible()
    assert_accessible(page)

    login(page, "broker")
    assert page.url == f"{live_server.url}/", page.url
    assert page.locator("h1").count() >= 1
    assert "Akkerflat Vernieuwt" in page.content()  # the persona's trajectory
    assert "Anderflat Traject" not in page.content()
    assert_accessible(page)


def test_a_wrong_password_stays_on_the_login_page(page, live_server) -> None:
    login(page, "broker", password="niet-het-wachtwoord")
    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.locator("input[name=username]").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
