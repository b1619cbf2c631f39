"""In a real browser at phone width (390 px): the complex scan of a filled flat, read by the
process director — charts with their tables, no horizontal scrolling of the page, no serious
or critical axe violations, and the PDF link answering a PDF."""

import os

import pytest

from tests.browser.conftest import assert_accessible, login
from tests.scan.flat import build_flat

pytestmark = pytest.mark.browser
PASSWORD = "scan-wachtwoord-2026"


def test_director_reads_the_scan_on_a_phone(page, live_world) -> None:
    flat = build_flat(slug="telefoonflat", fill=True)
    director = flat.user("director")
    director.set_password(PASSWORD)
    director.save(update_fields=["password"])
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, director.username, PASSWORD)

    page.goto(f"/t/{flat.slug}/scan/")
    assert page.locator("h1").inner_text() == "Complexscan"
    assert page.locator("#vd-tafel").is_visible()
    charts = page.locator("svg.vd-bars__svg[role=img]")
    assert charts.count() >= 5
    assert page.locator("svg.vd-bars__svg title").first.text_content().startswith("Bewoning")
    assert page.locator("table.vd-figures-table").count() >= charts.count()  # every chart has its table
    assert "<5" in page.locator("table.vd-figures-table").first.inner_text()
    # the page itself never scrolls sideways; wide tables scroll inside their own region
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if os.environ.get("VOORDEUR_SCREENSHOTS"):
        page.screenshot(path=os.environ["VOORDEUR_SCREENSHOTS"] + "/scan-390.png", full_page=True)
    assert_accessible(page)

    pdf = page.request.get(f"/t/{flat.slug}/scan.pdf")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
