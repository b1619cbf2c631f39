"""Generated page access tests: every persona x every page behind login.

Pages come from the URL resolver (views with `primary_category`); their URL arguments are
filled from the persona world. A persona that cannot read a page's primary category (for a
page of suppressed counts, `counts_only`: cannot count it), or asks about a trajectory or
household outside its scope, gets 404; otherwise 200. No page ever
shows a household value of a category the persona may not see (names, phones, e-mail,
people, notes), nor — to the outsider — anything of our trajectory.
"""

import pytest

from tests.access.expect import forbidden_values, record_visible
from tests.access.routes import Page, pages
from tests.auth import login_verified
from tests.personas import OURS, World, grant_level, who_all
from voordeur.households.models import Household
from voordeur.web.doors.layers import LAYERS

PAGES = pages()
EXPECTED = ["start", "trajectory", "door-grid", "household-list", "household"]
# extra query strings and headers a page is also fetched with (search results, partials)
VARIANTS: dict[str, list[tuple[dict, dict]]] = {
    "household-list": [({"q": "Akkerwinde"}, {}), ({"q": "4711"}, {}), ({"q": "Eikvaren"}, {})],
    "door-grid": [({}, {"HTTP_HX_REQUEST": "true"})],
}


def test_the_expected_pages_are_routed() -> None:
    names = {page.name for page in PAGES}
    assert len(PAGES) >= 1
    assert not [name for name in EXPECTED if name not in names], f"routed pages: {sorted(names)}"


def _opens(who: str, page: Page) -> bool:
    """Record pages need read on their primary category; pages of suppressed counts
    (`counts_only`, e.g. the complex scan) open at agg too, as the aggregate API routes do."""
    level = grant_level(who, page.primary_category)
    return level.counts if getattr(page.view_class, "counts_only", False) else level.reads


def _targets(world: World, who: str, page: Page) -> list[tuple[str, bool | int]]:
    """(url, expected visible — or the exact status) for every filling of the page's arguments."""
    from tests.referrals.oracle import PAGE_TARGETS

    if page.name in PAGE_TARGETS:
        return PAGE_TARGETS[page.name](world, who, page.template)
    opens = _opens(who, page)
    if not page.kwargs:
        return [(page.template, opens)]
    if page.kwargs == ("slug",):
        return [(page.template.format(slug=slug), opens and slug in world.member_of(who))
                for slug in world.trajectories]
    if page.kwargs == ("pk",) and page.name == "household":
        return [
            (page.template.format(pk=facts.pk), record_visible(world, who, Household, page.primary_category, facts))
            for facts in world.facts(Household)
        ]
    from tests.visits.page_targets import visit_page_targets  # the phase-2 pages

    targets = visit_page_targets(world, who, page)
    if targets is not None:
        return targets
    raise AssertionError(f"{page.name} {page.template}: teach {__name__} how to fill {page.kwargs}")


def _assert_clean(world: World, who: str, url: str, response) -> None:
    if response.get("Content-Type") == "application/pdf":
        # A PDF's text is compressed glyph runs: its HTML source is checked for every persona
        # by the report's own tests (tests/scan/test_pdf.py).
        assert response.content.startswith(b"%PDF"), url
        return
    html = response.content.decode()
    for value, why in forbidden_values(world, who).items():
        assert value not in html, f"{who} sees {why} on {url}"


def _cases() -> list:
    return [pytest.param(who, page, id=f"{who}-{page.name}") for page in PAGES for who in who_all()]


@pytest.mark.parametrize(("who", "page"), _cases())
def test_page(world: World, client, who: str, page: Page) -> None:
    login_verified(client, world.user(who))
    targets = _targets(world, who, page)
    assert targets
    for url, visible in targets:
        expected = visible if type(visible) is int else (200 if visible else 404)
        for params, headers in [({}, {}), *VARIANTS.get(page.name, [])]:
            response = client.get(url, params, **headers)
            assert response.status_code == expected, (url, params, response.status_code)
            _assert_clean(world, who, url, response)


@pytest.mark.parametrize("who", who_all())
def test_door_grid_layers(world: World, client, who: str) -> None:
    """Every layer of the door grid: shown to roles that read its category, else 404."""
    login_verified(client, world.user(who))
    assert LAYERS
    for slug in world.trajectories:
        url = f"/t/{slug}/deuren/"
        door_grid = grant_level(who, next(p for p in PAGES if p.name == "door-grid").primary_category)
        for key, layer in LAYERS.items():
            response = client.get(url, {"laag": key})
            visible = door_grid.reads and slug in world.member_of(who) and grant_level(who, layer.category).reads
            assert response.status_code == (200 if visible else 404), (url, key, response.status_code)
            _assert_clean(world, who, url, response)


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_anonymous_is_sent_to_login(world: World, client, page: Page) -> None:
    url, _visible = _targets(world, "director", page)[0]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_the_values_searched_for_are_shown_to_those_who_may_see_them(world: World, client) -> None:
    """A control: the absence checks above look for values the pages really render."""
    login_verified(client, world.user("broker"))
    values = world.values["h1"]
    html = client.get(f"/huishoudens/{world.households['h1']}/").content.decode()
    for key in ("name", "phone", "email", "notes", "person"):
        assert values[key] in html, key
    listing = client.get(f"/t/{OURS}/huishoudens/").content.decode()
    assert values["name"] in listing and values["phone"] in listing
