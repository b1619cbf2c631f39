"""In a real browser, two roles on the door grid and a household page (issue: foundation).

The broker (contact and household write) colours the doors by language and opens a
household; the letting officer (places write, contact none) sees only occupancy, no links,
no names, and a household page answers 404.
"""

import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_broker_colours_doors_by_language_and_opens_a_household(page, live_world) -> None:
    login(page, "broker")
    page.goto("/t/ons-traject/deuren/")
    assert_accessible(page)
    layers = page.locator("input[name=laag]")
    offered = {layers.nth(i).get_attribute("value") for i in range(layers.count())}
    assert offered == {"occupancy", "language", "size", "works", "reach", "opportunities", "promises", "referrals"}

    page.locator("label[for=laag-language]").click()  # htmx swaps the grid without a reload
    page.wait_for_url("**laag=language**")
    legend = page.locator(".vd-door-legend")
    assert "Turks" in legend.inner_text()
    links = page.locator("#vd-door-grid a.vd-door")
    assert links.count() == len([k for k in live_world.households if k.startswith("h")])

    page.locator(f"#vd-door-grid a[href='/huishoudens/{live_world.households['h1']}/']").click()
    page.wait_for_url("**/huishoudens/*/")
    html = page.content()
    first = live_world.values["h1"]
    assert first["name"] in html and first["phone"] in html and first["notes"] in html
    assert_accessible(page)


def test_letting_sees_occupancy_only_and_no_household(page, live_world) -> None:
    login(page, "letting")
    page.goto("/t/ons-traject/deuren/")
    layers = page.locator("input[name=laag]")
    assert [layers.nth(i).get_attribute("value") for i in range(layers.count())] == ["occupancy", "works"]
    assert page.locator("#vd-door-grid a.vd-door").count() == 0
    html = page.content()
    for values in live_world.values.values():
        assert values["name"] not in html and values["phone"] not in html
    assert_accessible(page)

    response = page.goto("/t/ons-traject/deuren/?laag=language")
    assert response.status == 404
    response = page.goto(f"/huishoudens/{live_world.households['h1']}/")
    assert response.status == 404


def test_contractor_sees_contact_but_not_household_notes(page, live_world) -> None:
    login(page, "contractor")
    page.goto(f"/huishoudens/{live_world.households['h1']}/")
    html = page.content()
    first = live_world.values["h1"]
    assert first["phone"] in html
    assert first["notes"] not in html and "Kind Eikvaren" not in html
    assert_accessible(page)
