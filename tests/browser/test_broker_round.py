"""Issue 3's acceptance round, in a real browser on a phone (390×844): a social broker records
a talk with life domains at a door and refers the household to the neighbourhood team with
the resident's consent; the promise that comes with the referral appears on the team's page;
the director sees its status but none of the conversation's content."""

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.households.models import Household
from voordeur.referrals.models import Promise, Referral
from voordeur.visits.models import LifeDomainAssessment, Visit

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
NOTE = "Weinig-netwerk-sinds-verhuizing-R7"
REASON = "Reden-R7 eenzaam en zorgen over rekeningen"


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_brokers_round_from_the_door_to_the_promise(page, live_world) -> None:
    page.set_viewport_size(PHONE)
    household = Household.objects.get(pk=live_world.households["h4"])

    # the broker, at the door: a talk, then the life domains
    login(page, "broker")
    page.goto(f"/t/ons-traject/deur/{household.unit_id}/bezoek/")
    assert page.locator("[data-vd=contact-load]").is_visible()
    page.get_by_label("Gesproken").check()
    page.get_by_label("Middag").check()
    page.get_by_label("Korte neutrale samenvatting").fill("Kennisgemaakt op de galerij")
    page.get_by_role("button", name="Bezoek vastleggen").click()
    page.wait_for_url("**/leefgebieden/")
    page.get_by_label("Score Sociaal netwerk").select_option("2")
    page.get_by_label("Notitie Sociaal netwerk").fill(NOTE)
    page.get_by_role("button", name="Leefgebieden opslaan").click()
    page.wait_for_load_state()
    visit = Visit.objects.get(household=household, outcome="talked")
    assert LifeDomainAssessment.objects.get(visit=visit).domains["social_network"]["note"] == NOTE

    # ... and the referral, with consent to share that one life domain
    page.goto(f"/t/ons-traject/huishoudens/{household.pk}/doorverwijzen/")
    assert page.locator("[data-vd=contact-load]").is_visible()  # the guard before a new approach
    assert_accessible(page)
    fits(page)
    page.locator("#id_to_partner").select_option(label="Buurtteam Persona")
    page.locator("#id_kind").select_option("nbh_support")
    page.locator("#id_reason").fill(REASON)
    page.locator("#id_consent_given").check()
    page.locator("#id_consent_scope").fill("Met het buurtteam: de reden en het sociaal netwerk")
    page.get_by_label("Sociaal netwerk").check()
    page.get_by_role("button", name="Doorverwijzen").click()
    page.wait_for_load_state()
    assert "De doorverwijzing is verstuurd" in page.locator(".vd-messages").inner_text()
    referral = Referral.objects.filter(household=household, created_by__username="broker").latest("pk")
    assert referral.reason == REASON
    assert referral.consent_given and referral.shared_domains == ["social_network"]
    promise = Promise.objects.get(referral=referral)
    assert promise.owner_partner.name == "Buurtteam Persona" and promise.status == Promise.Status.OPEN

    # the neighbourhood team finds the promise on its page
    page.context.clear_cookies()
    login(page, "nbh_team")
    page.goto("/t/ons-traject/toezeggingen/")
    assert promise.text in page.content()
    assert_accessible(page)
    fits(page)

    # the director sees the promise and its status, never the conversation
    page.context.clear_cookies()
    login(page, "director")
    for url in ("/t/ons-traject/toezeggingen/", f"/t/ons-traject/doorverwijzingen/{referral.pk}/",
                f"/huishoudens/{household.pk}/", "/t/ons-traject/nakomen/"):
        page.goto(url)
        content = page.content()
        assert NOTE not in content and REASON not in content, url
    page.goto("/t/ons-traject/toezeggingen/")
    assert promise.text in page.content() and "Open" in page.content()
    assert_accessible(page)
    fits(page)
