"""In a real browser (phone size): the renovation lead records a response at the door; the
tally and the door grid's consent layer follow; a broker sees only suppressed aggregates."""

import datetime as dt

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.consent.services import proposal_create
from voordeur.lib.dates import today
from voordeur.places.models import Complex

pytestmark = pytest.mark.browser


@pytest.fixture
def sent_proposal(live_world):
    sent = today() - dt.timedelta(days=7)
    return proposal_create(complex=Complex.objects.get(slug="akkerflat"), title="Akkerflat Vernieuwd",
                           sent_on=sent, response_deadline=sent + dt.timedelta(days=42), summary="Isolatie.",
                           by=None)


def test_the_lead_records_a_response_at_the_door(page, live_world, sent_proposal) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "reno_lead")
    page.goto("/t/ons-traject/instemming/")
    assert page.locator("[data-vd=agreed]").inner_text() == "0"
    assert page.locator("[data-vd=needed]").inner_text() == "5"  # 70% of 6 tenants is 4.2: 5 must agree
    assert_accessible(page)

    page.locator("#id_tenancy").select_option(label="Akkerstraat 13 – Fam. Akkerwinde-3")
    page.locator("#id_channel").select_option("door")
    page.locator("button.vd-consent-yes").click()
    page.wait_for_load_state()
    assert "Akkerstraat 13" in page.locator(".vd-messages").inner_text()
    assert page.locator("[data-vd=agreed]").inner_text() == "1"
    assert page.locator("[data-vd=no_response]").inner_text() == "5"
    assert page.locator("[data-vd=needed]").inner_text() == "4"
    assert page.locator("svg.vd-chart__svg polyline.vd-chart__agreed").count() == 1
    assert_accessible(page)

    page.goto("/t/ons-traject/deuren/?laag=consent")
    legend = " ".join(page.locator(".vd-door-legend").inner_text().split())
    assert "ja Akkoord: 1" in legend and "Geen reactie: 5" in legend
    assert page.locator("#vd-door-grid .vd-door.vd-c2").count() == 1


def test_a_broker_sees_only_aggregates(page, live_world, sent_proposal) -> None:
    login(page, "broker")
    assert page.goto("/t/ons-traject/instemming/").status == 404
    page.goto("/t/ons-traject/deuren/")
    layers = page.locator("input[name=laag]")
    assert "consent" not in {layers.nth(i).get_attribute("value") for i in range(layers.count())}
    assert page.goto("/t/ons-traject/deuren/?laag=consent").status == 404
    page.goto("/t/ons-traject/cijfers/")
    html = page.content()
    assert "Instemming met het renovatievoorstel" in html
    assert "Akkerwinde" not in html
    assert_accessible(page)
