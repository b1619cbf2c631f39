"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Without /usr/bin/chromium these tests are skipped — unless VOORDEUR_REQUIRE_BROWSER=1 (CI),
which turns a missing browser into a failure. The live server speaks plain HTTP, so the
secure-cookie settings are relaxed for these tests only.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.auth import totp_code, totp_device
from tests.personas import PASSWORD, World, build_world
from voordeur.accounts.mfa import requires_second_factor
from voordeur.accounts.models import User

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
BLOCKING_IMPACTS = ("serious", "critical")


def pytest_collection_modifyitems(items) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("VOORDEUR_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and VOORDEUR_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's ORM (in fixtures and the
    # test body) refuses to run beside a loop unless told it is safe, which it is here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def live_world(browser, transactional_db, live_server, settings) -> World:
    """The persona world, committed so the live server's thread sees it (the transactional
    test flushes it afterwards). Cookies without `Secure`: the live server is plain HTTP."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return build_world()


@pytest.fixture
def page(browser, live_world, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    try:
        yield opened
    finally:
        context.close()


def login(page, who: str, password: str = PASSWORD) -> None:
    """Log in through the login form as a persona (role key or "outsider"); for a role that
    needs a second factor, also enter the code of its authenticator app (tests/auth.py)."""
    user = User.objects.filter(username=who).first()
    device = totp_device(user) if user is not None and requires_second_factor(user) else None
    page.goto("/login/")
    page.locator("input[name=username]").fill(who)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    if device is not None and "/account/tweestapsverificatie/code/" in page.url:
        enter_code(page, totp_code(device))


def enter_code(page, code: str) -> None:
    page.locator("input[name=code]").fill(code)
    page.locator("form:has(input[name=code]) button[type=submit]").click()
    page.wait_for_load_state()


def assert_accessible(page) -> None:
    """axe-core on the page as it is now: no serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(f"    {n['target']}: {n['html'][:160]}" for n in v["nodes"])
        for v in blocking
    )
    if blocking:
        print(report)
    assert not blocking, f"axe on {page.url}:\n{report}"
