"""Concurrent edits in two real browser sessions: the second, stale save gets 409 and the
page shows the conflict with the values now stored, keeping the user's input; nothing of the
first save is lost (issue 6, item 5)."""

import pytest

from tests.browser.conftest import assert_accessible, login
from voordeur.households.models import Household

pytestmark = pytest.mark.browser


def edit_phone(page, phone: str):
    page.get_by_text("Contactgegevens wijzigen").click()
    page.get_by_label("Telefoon").fill(phone)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form:has(input[name=form][value=contact]) button[type=submit]").click()
    page.wait_for_load_state()
    return answer.value


def test_two_sessions_edit_the_same_household_and_the_stale_one_sees_the_conflict(browser, live_world, live_server):
    household = Household.objects.get(pk=live_world.households["h2"])
    url = f"/huishoudens/{household.pk}/"
    first = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    second = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    try:
        for page in (first, second):
            login(page, "social_manager")
            page.goto(url)  # both read version 1

        assert edit_phone(first, "+31 6 1111 2222").status in (200, 302)
        household.refresh_from_db()
        assert household.phone == "+31 6 1111 2222" and household.version == 2

        answer = edit_phone(second, "+31 6 3333 4444")
        assert answer.status == 409
        alert = second.get_by_role("alert")
        assert "iemand anders heeft deze contactgegevens intussen gewijzigd" in alert.inner_text()
        assert "+31 6 1111 2222" in second.locator("#contact-current").inner_text()  # what is stored now
        assert second.get_by_label("Telefoon").input_value() == "+31 6 3333 4444"  # the input is kept
        assert_accessible(second)
        household.refresh_from_db()
        assert household.phone == "+31 6 1111 2222" and household.version == 2  # the first save stands
    finally:
        first.context.close()
        second.context.close()
