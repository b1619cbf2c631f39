"""In a real browser: the renovation lead starts a solve and watches its progress until the
new plan (and its Gantt) appears; the contractor, on a phone, sees the per-unit plan with
addresses and practical flags but no household notes and no reasons (there are none to leak)."""

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.jobs import worker
from voordeur.jobs.models import Job
from voordeur.works.models import PlanVersion, WorksNeeds

pytestmark = pytest.mark.browser
PLAN = "/t/ons-traject/werkzaamheden/"


def test_the_lead_solves_and_the_gantt_appears(page, live_world) -> None:
    login(page, "reno_lead")
    page.goto(PLAN)
    assert_accessible(page)
    page.get_by_role("button", name="Nieuwe planning berekenen").click()
    page.wait_for_load_state()
    progress = page.locator("#vd-works-progress")
    assert "Planversie 2 wordt berekend" in progress.inner_text()
    assert progress.get_attribute("hx-trigger") == "every 2s"

    job = worker.run_once()  # the worker, here in the test's thread
    assert job is not None and job.status == Job.Status.DONE, job and job.error
    assert PlanVersion.objects.get(number=2, trajectory__slug="ons-traject").usable

    # htmx polls, sees the solve is done and reloads the page with the new plan
    page.get_by_role("heading", name="De huidige planning (versie 2)").wait_for(timeout=15_000)
    assert page.locator("[data-vd=makespan]").inner_text().strip().isdigit()
    assert_accessible(page)
    page.get_by_role("link", name="Per portiek", exact=True).click()
    page.wait_for_load_state()
    gantt = page.locator("#vd-gantt")
    assert gantt.is_visible()
    assert gantt.locator("tbody tr").count() == 3  # portiek A: Akkerstraat 11, 13 and 15
    assert gantt.locator("td.vd-gantt__cell--on").count() >= 3
    assert_accessible(page)


def test_the_contractor_sees_addresses_and_flags_on_a_phone(page, live_world) -> None:
    assert not [f.name for f in WorksNeeds._meta.get_fields() if "reason" in f.name or "reden" in f.name]
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "contractor")
    page.goto(PLAN + "woningen/")
    table = page.locator("#vd-works-units")
    assert table.is_visible()
    text = table.inner_text()
    assert "Akkerstraat 11" in text and "Akkerstraat 16" in text
    needs = {cell.strip() for cell in page.locator("[data-vd=needs]").all_inner_texts()}
    assert "overdag thuis" in needs and "logeerwoning gevraagd" in needs  # flags, the contractor may read them
    html = page.content()
    for label in ("h1", "h2", "h3", "h4", "h5", "h6"):
        assert live_world.values[label]["notes"] not in html  # household notes: not the contractor's
        assert live_world.values[label]["person"] not in html
    assert "Notitie" not in html and "reden" not in html.lower()
    assert_accessible(page)
    page.goto(PLAN + "brieven/")
    assert page.locator("#vd-works-letters").is_visible() and page.locator("a[href*='brief=']").count() == 0
    assert_accessible(page)
