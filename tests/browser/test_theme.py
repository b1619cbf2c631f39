"""In a real browser: the NL Design System example theme with Voordeur's layer is applied,
the trajectory page leads to the figures, and both pages pass axe (contrast included)."""

import pytest

from tests.browser.conftest import assert_accessible, login
from tests.personas import OURS

pytestmark = pytest.mark.browser

PETROL = "rgb(15, 95, 110)"  # --voordeur-kleur-petrol-500


def _style(page, selector: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(f"e => getComputedStyle(e).getPropertyValue('{prop}')")


def test_the_theme_styles_the_components(page, live_world) -> None:
    login(page, "director")
    page.goto(f"/t/{OURS}/")
    # theme tokens resolve: the primary button is petrol, text is sans-serif, links are petrol
    assert _style(page, ".utrecht-button-link--primary-action", "background-color") == PETROL
    assert "serif" not in _style(page, ".utrecht-heading-1", "font-family").replace("sans-serif", "")
    assert _style(page, ".utrecht-breadcrumb-nav__link--first", "color") == PETROL
    # a visible focus ring on keyboard focus
    page.locator(".vd-brand").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert _style(page, ".vd-brand", "outline-style") == "solid"


def test_researcher_goes_from_the_trajectory_to_the_figures(page, live_world) -> None:
    login(page, "researcher")
    page.goto(f"/t/{OURS}/")
    assert_accessible(page)
    page.get_by_role("link", name="Cijfers per portiek").click()
    page.wait_for_url(f"**/t/{OURS}/cijfers/")
    assert page.locator("table.vd-figures-table").count() >= 1
    assert_accessible(page)


def test_figures_table_scrolls_inside_its_box_on_a_phone(page, live_world) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "director")
    page.goto(f"/t/{OURS}/cijfers/")
    assert_accessible(page)
    # the page itself never scrolls sideways; wide tables scroll inside .vd-table-scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
