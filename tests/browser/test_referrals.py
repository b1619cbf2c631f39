"""In a real browser at phone size (390 px): a broker refers a household at the door with the
resident's consent; the neighbourhood team accepts it; the director reads the commitment
figure. Every page passes axe without serious or critical violations and needs no sideways
scrolling of the page itself (wide tables scroll inside their own box)."""

import os

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.referrals.models import Referral

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("VOORDEUR_SCREENSHOTS")  # a directory: keep screenshots to look at


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width}px wide"


def test_refer_at_the_door_accept_and_see_the_figure(page, live_world) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    household = live_world.households["h5"]
    login(page, "broker")
    page.goto(f"/huishoudens/{household}/")
    page.get_by_role("link", name="Doorverwijzen").click()
    page.wait_for_load_state()
    assert_fits(page)
    assert_accessible(page)
    page.locator("#id_to_partner").select_option(label="Buurtteam Persona")
    page.locator("#id_kind").select_option("nbh_support")
    page.locator("#id_reason").fill("Reden-B1 zorgen over de huur")
    page.locator("#id_consent_given").check()
    page.locator("#id_consent_scope").fill("Met het buurtteam: de reden")
    page.get_by_label("Financiën").check()
    shot(page, "referral-form")
    page.get_by_role("button", name="Doorverwijzen").click()
    page.wait_for_load_state()
    assert "De doorverwijzing is verstuurd" in page.locator(".vd-messages").inner_text()
    assert "Reden-B1 zorgen over de huur" in page.content()
    assert_fits(page)
    assert_accessible(page)
    shot(page, "referral-detail")

    page.context.clear_cookies()
    login(page, "nbh_team")
    page.goto("/t/ons-traject/toezeggingen/")
    assert_fits(page)
    assert_accessible(page)
    shot(page, "overview-nbh")
    referral = Referral.objects.get(household_id=household)
    row = page.locator(f"tr:has(a[href='/t/ons-traject/doorverwijzingen/{referral.pk}/'])")
    row.locator("summary", has_text="Aannemen").click()
    row.get_by_role("button", name="Aannemen").click()
    page.wait_for_load_state()
    assert "De wijziging is opgeslagen" in page.locator(".vd-messages").inner_text()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED

    page.context.clear_cookies()
    login(page, "director")
    page.goto("/")
    assert "Toezeggingen over de termijn" in page.content()
    assert_fits(page)
    page.goto("/t/ons-traject/nakomen/")
    assert page.locator("svg.vd-commit-chart__svg rect.vd-commit-chart__bar").count() >= 1
    assert "Reden-B1" not in page.content()
    assert_fits(page)
    assert_accessible(page)
    shot(page, "commitment")
