"""In a real browser, on a phone (390 px): a social broker walks the round, rings a door,
sees who approached the household recently, records the talk, the life domains and an
opportunity; then opens the life-domain section of a household page on purpose (htmx).
Every page passes axe, fits the screen and has tap targets of at least 44 px."""

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.households.models import ContactLogEntry, Household
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
ROUND = "/t/ons-traject/ronde/"


def fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_the_broker_walks_the_round_and_records_a_talk_on_a_phone(page, live_world) -> None:
    page.set_viewport_size(PHONE)
    login(page, "broker")
    page.goto(ROUND)
    assert_accessible(page)
    fits_the_screen(page)
    h4 = Household.objects.get(pk=live_world.households["h4"])
    h2_card = page.locator(f"#deur-{Household.objects.get(pk=live_world.households['h2']).unit_id}")
    assert "Andere aanpak nodig" in h2_card.inner_text() and "weekend" in h2_card.inner_text()
    links = page.locator(".vd-walk__link")
    assert links.count() == 6
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300  # a whole card to tap

    page.locator(f"#deur-{h4.unit_id} a").click()
    page.wait_for_url(f"**/deur/{h4.unit_id}/bezoek/")
    guard = page.locator("[data-vd=contact-load]")
    assert guard.is_visible() and "Contactdruk" in guard.inner_text()
    assert_accessible(page)
    fits_the_screen(page)

    page.get_by_label("Gesproken").check()
    page.get_by_label("Avond").check()
    page.get_by_label("Korte neutrale samenvatting").fill("Kennisgemaakt, wil graag meer contact met buren")
    page.get_by_label("Contact met buren").check()
    page.get_by_role("button", name="Bezoek vastleggen").click()
    page.wait_for_url("**/leefgebieden/")
    assert page.get_by_role("heading", name="Gesprek over leefgebieden").is_visible()
    assert_accessible(page)
    fits_the_screen(page)
    visit = Visit.objects.get(household=h4)
    assert visit.outcome == "talked" and visit.themes == ["neighbours"]
    assert ContactLogEntry.objects.filter(household=h4, topic="getting_to_know", reached=True).exists()

    page.get_by_label("Score Sociaal netwerk").select_option("2")
    page.get_by_label("Notitie Sociaal netwerk").fill("Weinig contact sinds de verhuizing")
    page.get_by_role("button", name="Leefgebieden opslaan").click()
    page.wait_for_url(f"**/deur/{h4.unit_id}/bezoek/#kansen")
    assert "versleuteld vastgelegd" in page.locator(".vd-messages").inner_text()
    assert LifeDomainAssessment.objects.get(visit=visit).domains == {
        "social_network": {"score": 2, "note": "Weinig contact sinds de verhuizing"}}

    page.get_by_text("Kans vastleggen: de bewoner wil iets organiseren").click()
    page.get_by_label("Wat wil de bewoner organiseren?").fill("Burenmiddag in de portiek")
    page.get_by_role("button", name="Kans vastleggen").click()
    page.wait_for_load_state()
    assert Opportunity.objects.filter(household=h4, title="Burenmiddag in de portiek").exists()
    assert_accessible(page)

    page.goto("/t/ons-traject/kansen/")
    assert "Burenmiddag in de portiek" in page.locator(".vd-opportunities").inner_text()
    assert_accessible(page)
    fits_the_screen(page)


def test_the_broker_opens_the_life_domains_of_a_household_on_purpose(page, live_world) -> None:
    page.set_viewport_size(PHONE)
    login(page, "broker")
    page.goto(f"/huishoudens/{live_world.households['h5']}/")
    assert "Leefnotitie-h5" not in page.content()  # never inline
    page.get_by_role("link", name="Gesprekken over leefgebieden tonen").click()  # htmx swaps the section in
    page.locator("[data-vd=conversation]").wait_for()
    assert page.url.endswith(f"/huishoudens/{live_world.households['h5']}/")
    assert "Leefnotitie-h5-financien" in page.locator("#leefgebieden").inner_text()
    assert_accessible(page)
    fits_the_screen(page)
