"""In a real browser: the privacy officer filters the audit log, checks the chain, and the
pages pass axe at desktop size and fit a 390px phone."""

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.households.models import Household
from voordeur.households.services import household_update

pytestmark = pytest.mark.browser


def test_the_officer_filters_the_audit_log_and_checks_the_chain(page, live_world) -> None:
    broker = live_world.user("broker")
    for label in ("h1", "h2"):
        household = Household.objects.get(pk=live_world.households[label])
        household_update(household=household, by=broker, changes={"phone": "+31 6 0000 0000"},
                         expected_version=household.version)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "privacy")
    page.get_by_role("link", name="Privacy en auditlog").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Auditlog", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_label("Gebruiker").fill("broker")
    page.get_by_label("Handeling").select_option("update")
    page.get_by_role("button", name="Filteren", exact=True).click()
    page.wait_for_load_state()
    rows = page.locator("#vd-audit-events tbody tr")
    assert rows.count() == 2
    assert "phone" in rows.first.inner_text() and "+31 6 0000 0000" not in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Keten controleren").click()
    page.wait_for_load_state()
    assert "De keten is intact" in page.locator("#vd-chain-result").inner_text()
    assert_accessible(page)

    for path in ("/privacy/inzage/", "/privacy/wissen/"):
        page.goto(path)
        assert_accessible(page)


def test_the_privacy_pages_fit_a_phone(page, live_world) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "privacy")
    for path in ("/privacy/auditlog/", "/privacy/inzage/", "/privacy/wissen/"):
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
        assert_accessible(page)
