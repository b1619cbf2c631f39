"""In a real browser on a phone (390 px wide): the social manager uploads a repairs file, sees
the preview with its problems per line, fixes the file, previews and applies it."""

import os

import pytest

from tests.browser.conftest import assert_accessible, browser, live_world, login, page  # noqa: F401 - fixtures
from voordeur.exploring.models import Repair

pytestmark = pytest.mark.browser
URL = "/t/ons-traject/gegevens/repairs/"
HEADER = "external_id,unit_id,portiek,kind,reported,status\n"


def upload(page, content: str) -> None:
    page.set_input_files("input[name=file]", {"name": "meldingen.csv", "mimeType": "text/csv",
                                              "buffer": content.encode()})
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()


def test_upload_preview_and_apply_on_a_phone(page, live_world) -> None:  # noqa: F811 - fixtures
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "social_manager")
    page.goto("/t/ons-traject/")
    page.get_by_role("link", name="Gegevens inlezen").click()
    page.get_by_role("link", name="Reparatieverzoeken en overlast").click()
    assert page.url.endswith(URL)
    assert_accessible(page)

    upload(page, HEADER + "W-1,AK-001,,leak,2026-01-05,open\nW-2,AK-999,,flood,2026-01-05,open\n")
    problems = page.locator(".vd-problems li")
    assert problems.count() == 2
    assert "Regel 3, kolom kind" in problems.nth(0).inner_text()
    assert "Regel 3, kolom unit_id" in problems.nth(1).inner_text()
    assert not Repair.objects.filter(external_id__startswith="W-").exists()
    assert_accessible(page)

    upload(page, HEADER + "W-1,AK-001,,leak,2026-01-05,open\nW-2,,B,lift,2026-01-06,in_progress\n")
    assert "2 regels: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd" in page.locator("#main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert_accessible(page)
    if os.environ.get("VOORDEUR_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["VOORDEUR_SCREENSHOTS"], "intake-preview.png"), full_page=True)
    page.get_by_role("button", name="Toepassen").click()
    page.wait_for_load_state()
    assert "Ingelezen: 2 regels, 2 nieuw" in page.locator("#main").inner_text()
    assert set(Repair.objects.filter(external_id__startswith="W-").values_list("external_id", flat=True)) == {
        "W-1", "W-2"}
    if os.environ.get("VOORDEUR_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["VOORDEUR_SCREENSHOTS"], "intake-applied.png"), full_page=True)
