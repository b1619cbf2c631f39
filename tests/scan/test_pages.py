"""The complex scan, feedback and reach pages: what each role sees, suppression per cell,
audit of the arrears aggregate, periods, links, and pinned query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.auth import login_verified
from tests.scan.flat import add_arrears, add_repair, add_visit, build_flat
from voordeur.access.policy import POLICY, Role
from voordeur.aggregates.measures import MEASURES
from voordeur.audit.models import AuditEvent
from voordeur.exploring.models import Repair
from voordeur.exploring.scan import SCAN_MEASURES
from voordeur.lib.dates import today

pytestmark = pytest.mark.django_db


def client_for(flat, role: str) -> Client:
    client = Client()
    login_verified(client, flat.user(role))
    return client


def sections(response) -> dict:
    return {s.key: s for s in response.context["sections"]}


def row(section, label: str):
    return next(line for line in section.rows if line.label == label)


@pytest.fixture
def flat():
    return build_flat(fill=True)


# --- who sees what -------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [r.value for r in Role])
def test_each_role_sees_exactly_the_parts_of_the_scan_it_may_count(flat, role) -> None:
    response = client_for(flat, role).get(reverse("scan", kwargs={"slug": flat.slug}))
    assert response.status_code == 200  # every role may count places
    expected = {key for key in SCAN_MEASURES if POLICY[MEASURES[key].category][Role(role)].counts}
    assert set(sections(response)) == expected
    html = response.content.decode()
    for key in SCAN_MEASURES:
        assert (f'id="vd-{key}"' in html) is (key in expected), key


def test_contractor_sees_repairs_but_no_arrears_and_researcher_sees_neither(flat) -> None:
    contractor = client_for(flat, "contractor").get(reverse("scan", kwargs={"slug": flat.slug}))
    html = contractor.content.decode()
    assert "Open reparatieverzoeken in woningen" in html and "Huishoudens met huurachterstand" not in html
    assert "Schuldhulp van de gemeente" not in html  # no advice that rests on arrears either
    assert "Handhaving van de gemeente en de wijkagent" in html  # the nuisance report in the common areas
    researcher = client_for(flat, "researcher").get(reverse("scan", kwargs={"slug": flat.slug}))
    assert set(sections(researcher)) == {"occupancy"}
    assert "huurachterstand" not in researcher.content.decode().lower()
    assert "Dit advies rust op cijfers die uw rol niet mag zien." in researcher.content.decode()
    muni = client_for(flat, "muni_advisor").get(reverse("scan", kwargs={"slug": flat.slug}))
    assert {"arrears", "repairs", "caseload"} <= set(sections(muni)) and "languages" not in sections(muni)


def test_outsiders_and_missing_trajectories_get_404(flat) -> None:
    other = build_flat(slug="andereflat", homes={"A": 2})
    client = client_for(other, "director")
    for name in ("scan", "scan-pdf", "feedback", "feedback-pdf", "reach"):
        assert client.get(reverse(name, kwargs={"slug": flat.slug})).status_code == 404
        assert client.get(reverse(name, kwargs={"slug": "bestaat-niet"})).status_code == 404


# --- suppression ---------------------------------------------------------------------------------

def test_a_stairwell_of_three_households_shows_less_than_five_and_a_second_cell_is_hidden() -> None:
    flat = build_flat(homes={"A": 3, "B": 12, "C": 10})  # everyone lives alone
    response = client_for(flat, "director").get(reverse("scan", kwargs={"slug": flat.slug}))
    sizes = sections(response)["household_size"]
    assert [k for k, _l in sizes.columns] == ["1", "2", "3-4", "5+", "unknown"]
    assert row(sizes, "A").cells[0] == "<5" and row(sizes, "A").total == "<5"
    assert row(sizes, "B").cells[0] == 12
    # column "1" would tell A's 3 from the complex total: the smallest other cell (C's 10) goes too
    assert row(sizes, "C").cells[0] == "x" and row(sizes, "C").total == "x"
    assert sizes.complex.cells[0] == 25
    html = response.content.decode()
    table = html[html.index('id="vd-household_size"'):html.index('id="vd-age_bands"')]
    assert ">&lt;5</td>" in table and ">x</td>" in table and ">3</td>" not in table and ">10</td>" not in table


def test_arrears_appear_suppressed_and_the_aggregate_is_audited_once_per_view() -> None:
    flat = build_flat(homes={"A": 3, "B": 12})
    for household in flat.households["B"][:6]:
        add_arrears(flat, household, months=1, amount="400.00")
    add_arrears(flat, flat.households["A"][0], months=5, amount="2250.00")
    client = client_for(flat, "director")
    before = AuditEvent.objects.count()
    response = client.get(reverse("scan", kwargs={"slug": flat.slug}))
    arrears = sections(response)["arrears"]
    assert [k for k, _l in arrears.columns] == ["under_2_months", "2_months_plus"]
    assert row(arrears, "A").cells == (0, "<5")
    assert row(arrears, "B").cells[0] in (6, "x")
    events = list(AuditEvent.objects.filter(seq__gt=before))
    assert [(e.action, e.category, e.detail["measure"]) for e in events] == [("aggregate", "arrears", "arrears")]
    assert events[0].trajectory_id == flat.trajectory.pk and events[0].role == "director"
    assert "2250" not in response.content.decode()
    contractor = client_for(flat, "contractor")
    before = AuditEvent.objects.count()
    contractor.get(reverse("scan", kwargs={"slug": flat.slug}))
    assert AuditEvent.objects.count() == before  # nothing sensitive counted for the contractor


# --- feedback and reach --------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "status"), [
    ("director", 200), ("social_manager", 200), ("broker", 200), ("muni_advisor", 200), ("researcher", 200),
    ("nbh_team", 404), ("contractor", 404), ("reno_lead", 404), ("debt_help", 404),
])
def test_the_feedback_and_reach_pages_open_for_those_who_may_count_visits(flat, role, status) -> None:
    client = client_for(flat, role)
    for name in ("feedback", "reach"):
        assert client.get(reverse(name, kwargs={"slug": flat.slug})).status_code == status


def test_feedback_counts_households_per_theme_in_the_period_and_never_shows_content() -> None:
    flat = build_flat(homes={"A": 3, "B": 8})
    for household in flat.households["B"][:6]:
        add_visit(flat, household.unit, household=household, outcome="talked", themes=["maintenance", "nuisance"])
        visit = add_visit(flat, household.unit, household=household, outcome="talked", themes=["maintenance"],
                          days_ago=5)
        visit.summary = "GEHEIM: wil niet dat de buren het weten"
        visit.save(update_fields=["summary"])
    add_visit(flat, flat.homes["A"][0], household=flat.households["A"][0], outcome="talked", themes=["safety"],
              days_ago=150)
    url = reverse("feedback", kwargs={"slug": flat.slug})
    response = client_for(flat, "director").get(url)
    themes = sections(response)["visit_themes"]
    assert [k for k, _l in themes.columns] == ["maintenance", "nuisance"]  # themes nobody raised are left out
    assert row(themes, "B").cells == (6, 6) and row(themes, "A").cells == (0, 0)
    period = response.context["period"]
    assert period.end == today() and (today() - period.start).days in range(88, 93)  # three months
    html = response.content.decode()
    assert "GEHEIM" not in html and "buren het weten" not in html
    older = client_for(flat, "director").get(url, {"van": (today() - dt.timedelta(days=200)).isoformat()})
    assert row(sections(older)["visit_themes"], "A").cells[-1] == "<5"  # safety, 150 days ago
    reach = sections(response)["reach"]
    assert reach.subtotal_columns == (("visited", "bezocht"),)
    # B: 6 talked, 2 not yet. "2" is <5, so 6 goes too — and so must "visited" (6), which with
    # B's 8 doors would tell the 2
    assert row(reach, "B").subtotals == ("x",)
    assert dict(zip([k for k, _l in reach.columns], row(reach, "B").cells, strict=True))["not_yet"] == "<5"


def test_an_impossible_period_is_explained_and_the_default_is_used(flat) -> None:
    response = client_for(flat, "muni_advisor").get(reverse("feedback", kwargs={"slug": flat.slug}),
                                                    {"van": "2026-05-01", "tot": "2026-04-01"})
    assert response.status_code == 200
    assert "De periode kan niet eindigen voordat ze begint." in response.content.decode()
    assert response.context["period"].end == today()


def test_reach_shows_doors_visited_per_stairwell_with_a_chart(flat) -> None:
    response = client_for(flat, "researcher").get(reverse("reach", kwargs={"slug": flat.slug}))
    [reach] = response.context["sections"]
    assert reach.key == "reach" and reach.stairwell_chart is not None
    assert [line.label for line in reach.rows] == ["A", "B", "C"]
    html = response.content.decode()
    assert 'id="vd-reach-per-portiek-title"' in html and "alleen niet thuis (3 keer of vaker)" in html
    assert response.context["period"].start is None  # since the first visit


# --- the API -------------------------------------------------------------------------------------

def test_the_api_serves_reach_over_a_period_with_its_subtotal(flat) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(user=flat.user("muni_advisor"))
    url = f"/api/v1/trajectories/{flat.trajectory.pk}/aggregates/reach/"
    start = (today() - dt.timedelta(days=30)).isoformat()
    body = api.get(url, {"from": start}).json()
    assert body["category"] == "visits" and body["period"] == {"start": start, "end": today().isoformat()}
    assert body["subtotal_columns"][0]["key"] == "visited"
    assert {r["portiek"] for r in body["rows"]} == {"A", "B", "C"}
    assert all("visited" in r["subtotals"] for r in body["rows"])
    assert api.get(url, {"from": "gisteren"}).status_code == 400
    assert api.get(url, {"from": "2026-05-02", "to": "2026-05-01"}).status_code == 400
    themes = api.get(f"/api/v1/trajectories/{flat.trajectory.pk}/aggregates/visit_themes/").json()
    assert themes["overlapping"] is True and "subtotals" not in themes
    before = AuditEvent.objects.count()
    arrears = api.get(f"/api/v1/trajectories/{flat.trajectory.pk}/aggregates/arrears/").json()
    assert arrears["category"] == "arrears" and "period" not in arrears
    assert AuditEvent.objects.filter(seq__gt=before, action="aggregate", category="arrears").count() == 1


# --- links ---------------------------------------------------------------------------------------

def test_the_trajectory_start_and_figures_pages_link_to_the_reports(flat) -> None:
    scan, feedback, reach = (reverse(n, kwargs={"slug": flat.slug}) for n in ("scan", "feedback", "reach"))
    trajectory = client_for(flat, "contractor").get(reverse("trajectory", kwargs={"slug": flat.slug})).content.decode()
    assert f'href="{scan}"' in trajectory and f'href="{feedback}"' not in trajectory
    muni_trajectory = client_for(flat, "muni_advisor").get(
        reverse("trajectory", kwargs={"slug": flat.slug})).content.decode()
    assert all(f'href="{url}"' in muni_trajectory for url in (scan, feedback, reach))
    start = client_for(flat, "muni_advisor").get(reverse("start")).content.decode()
    assert f'href="{reach}"' in start and f'href="{scan}"' in start  # visits and arrears at agg
    figures = client_for(flat, "researcher").get(reverse("figures", kwargs={"slug": flat.slug})).content.decode()
    assert all(f'href="{url}"' in figures for url in (scan, feedback, reach))


def test_the_pages_have_no_inline_scripts_or_styles(flat) -> None:
    """CSP: the charts are SVG with presentation attributes and classes, never style="" or script."""
    client = client_for(flat, "director")
    for name in ("scan", "feedback", "reach"):
        html = client.get(reverse(name, kwargs={"slug": flat.slug})).content.decode()
        scripts = [body for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S) if body.strip()]
        assert not scripts and not re.search(r"\sstyle\s*=|<style\b|\son[a-z]+\s*=", html), name
        assert html.count("<svg") >= 1 and ',' not in "".join(re.findall(r' (?:x|y|width)="([^"]*)"', html)), name


# --- cost ----------------------------------------------------------------------------------------

def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["scan", "feedback", "reach"])
def test_query_counts_do_not_grow_with_the_flat(name) -> None:
    small = build_flat(slug="kleineflat", homes={"A": 3, "B": 4}, fill=True)
    large = build_flat(slug="groteflat", homes={"A": 20, "B": 24, "C": 30, "D": 18}, vacant=2, fill=True)
    add_repair(large, kind=Repair.Kind.NUISANCE)
    counts = []
    for flat in (small, large):
        client = client_for(flat, "director")
        url = reverse(name, kwargs={"slug": flat.slug})
        client.get(url)  # warm: session, caches
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts
    assert counts[1] <= {"scan": 31, "feedback": 12, "reach": 10}[name], counts
