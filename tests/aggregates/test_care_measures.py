"""The measures life_domains, referrals, promises and opportunities: raw counts per stairwell,
suppression, who may count them (API and figures page), the audit of life domains, and a
query count that does not grow with the flat."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.aggregates.care import NOTE, add_opportunity, add_promise, add_referral, add_talk, fill_care
from tests.auth import login_verified
from tests.scan.flat import build_flat
from voordeur.aggregates.measures import MEASURES
from voordeur.aggregates.period import Period
from voordeur.aggregates.selectors import measure_list
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.referrals.aggregate import count_promises, count_referrals
from voordeur.referrals.models import Promise, Referral
from voordeur.visits.aggregate import count_life_domains, count_opportunities, life_domain_columns, score_band
from voordeur.visits.models import Opportunity

pytestmark = pytest.mark.django_db

NEW = ("life_domains", "referrals", "promises", "opportunities")


def client_for(flat, role: str) -> Client:
    client = Client()
    login_verified(client, flat.user(role))
    return client


def api_url(flat, key: str) -> str:
    return f"/api/v1/trajectories/{flat.trajectory.pk}/aggregates/{key}/"


# --- raw counts ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("score", "band"), [(1, "1_2"), (2, "1_2"), (3, "3"), (4, "4_5"), (5, "4_5"),
                                             (None, None), (0, None), (6, None), (True, None), ("2", None)])
def test_score_bands(score, band) -> None:
    assert score_band(score) == band


def test_life_domains_count_only_each_households_latest_talk_of_those_living_here() -> None:
    flat = build_flat(homes={"A": 3, "B": 2})
    a0, a1, a2 = flat.households["A"]
    b0, b1 = flat.households["B"]
    add_talk(flat, a0, {"finances": 5, "housing": 5}, days_ago=60)  # superseded by the later talk
    add_talk(flat, a0, {"finances": 1, "housing": 3})
    add_talk(flat, a1, {"finances": 2, "justice": None, "unknown_domain": 1})  # unscored, unknown: not counted
    add_talk(flat, a2, {"social_network": 4})
    add_talk(flat, b0, {"finances": 5})
    add_talk(flat, b1, {"finances": 1})
    Tenancy.objects.filter(household=b1).update(end_date=today() - dt.timedelta(days=1))  # moved out
    assert count_life_domains(flat.complex.pk) == {
        "A": {"finances:1_2": 2, "housing:3": 1, "social_network:4_5": 1},
        "B": {"finances:4_5": 1},
    }
    assert len(life_domain_columns()) == 13 * 3


def test_referrals_count_those_made_in_the_period_by_status_now() -> None:
    flat = build_flat(homes={"A": 2, "B": 2})
    a0, a1 = flat.households["A"]
    add_referral(flat, a0, status=Referral.Status.ACCEPTED, days_ago=3)
    add_referral(flat, a1, status=Referral.Status.ACCEPTED, days_ago=40)
    add_referral(flat, a1, status=Referral.Status.DECLINED, days_ago=2)
    add_referral(flat, flat.households["B"][0], status=Referral.Status.COMPLETED, days_ago=400)
    everything = Period(start=None, end=today())
    assert count_referrals(flat.complex.pk, everything) == {"A": {"accepted": 2, "declined": 1}, "B": {"completed": 1}}
    last_month = Period(start=today() - dt.timedelta(days=30), end=today())
    assert count_referrals(flat.complex.pk, last_month) == {"A": {"accepted": 1, "declined": 1}, "B": {}}
    long_ago = Period(start=None, end=today() - dt.timedelta(days=100))
    assert count_referrals(flat.complex.pk, long_ago) == {"A": {}, "B": {"completed": 1}}


def test_promises_count_by_their_standing_today_as_the_commitment_page_does() -> None:
    flat = build_flat(homes={"A": 2, "B": 1})
    a0, a1 = flat.households["A"]
    add_promise(flat, a0, due_in=3)  # open, still on time
    add_promise(flat, a0, due_in=0)  # due today: still on time
    add_promise(flat, a1, due_in=-1)  # overdue
    add_promise(flat, a1, due_in=-2, status=Promise.Status.KEPT, kept_on=today() - dt.timedelta(days=3))
    add_promise(flat, a1, due_in=-2, status=Promise.Status.KEPT, kept_on=today())  # late
    add_promise(flat, a1, due_in=-2, status=Promise.Status.BROKEN)
    add_promise(flat, flat.households["B"][0], due_in=-9, status=Promise.Status.CANCELLED)  # not counted
    assert count_promises(flat.complex.pk) == {
        "A": {"open_not_due": 2, "open_overdue": 1, "kept_on_time": 1, "kept_late": 1, "broken": 1}, "B": {}}


def test_opportunities_count_per_status_in_their_units_stairwell() -> None:
    flat = build_flat(homes={"A": 2, "B": 1})
    add_opportunity(flat, flat.households["A"][0])
    add_opportunity(flat, flat.households["A"][1])
    add_opportunity(flat, flat.households["A"][1], status=Opportunity.Status.REALISED)
    add_opportunity(flat, flat.households["B"][0], status=Opportunity.Status.DROPPED)
    assert count_opportunities(flat.complex.pk) == {"A": {"idea": 2, "realised": 1}, "B": {"dropped": 1}}


# --- suppression, audit and what the API shows ---------------------------------------------------

def test_life_domains_api_suppresses_small_cells_never_shows_notes_and_is_audited_once() -> None:
    flat = build_flat(homes={"A": 3, "B": 7})
    for household in flat.households["B"]:
        add_talk(flat, household, {"finances": 1})
    add_talk(flat, flat.households["A"][0], {"finances": 1, "housing": 4})
    client = client_for(flat, "muni_advisor")
    before = AuditEvent.objects.count()
    response = client.get(api_url(flat, "life_domains"))
    assert response.status_code == 200
    body = response.json()
    rows = {row["portiek"]: row for row in body["rows"]}
    assert rows["B"]["cells"]["finances:1_2"] == 7 and rows["B"]["cells"]["housing:4_5"] == 0
    assert rows["A"]["cells"]["finances:1_2"] == "<5" and rows["A"]["cells"]["housing:4_5"] == "<5"
    assert body["totals"]["housing:4_5"] == "<5" and body["overlapping"] is True
    assert 1 not in [cell for row in body["rows"] for cell in row["cells"].values()]
    assert NOTE not in response.content.decode()
    events = list(AuditEvent.objects.filter(seq__gt=before))
    assert [(e.action, e.category, e.detail["measure"]) for e in events] == [
        ("aggregate", "life_domains", "life_domains")]


def test_referrals_api_counts_over_a_period_and_is_not_audited() -> None:
    flat = build_flat(homes={"A": 6})
    for household in flat.households["A"]:
        add_referral(flat, household, status=Referral.Status.ACCEPTED, days_ago=50)
    add_referral(flat, flat.households["A"][0], status=Referral.Status.DECLINED, days_ago=2)
    client = client_for(flat, "muni_advisor")
    before = AuditEvent.objects.count()
    body = client.get(api_url(flat, "referrals")).json()
    assert body["period"] == {"start": None, "end": today().isoformat()}
    # one hidden cell beside a shown total: the next smallest is hidden too ("x", not a false "<5")
    assert body["rows"] == [{"portiek": "A", "cells": {"sent": 0, "accepted": "x", "declined": "<5", "completed": 0,
                                                       "withdrawn": 0}, "total": 7}]
    start = (today() - dt.timedelta(days=30)).isoformat()
    recent = client.get(api_url(flat, "referrals"), {"from": start}).json()
    assert recent["rows"][0]["cells"]["accepted"] == 0 and recent["total"] == "<5"
    assert client.get(api_url(flat, "referrals"), {"from": "vorige week"}).status_code == 400
    assert AuditEvent.objects.filter(seq__gt=before).count() == 0


# --- who may count what --------------------------------------------------------------------------

EXPECTED = {
    "director": set(NEW),
    "muni_advisor": set(NEW),
    "researcher": {"life_domains", "opportunities"},
    "social_manager": {"referrals", "promises", "opportunities"},
    "letting": set(),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_counts_exactly_the_measures_its_level_allows(role) -> None:
    flat = build_flat(homes={"A": 2})
    assert {m.key for m in measure_list(user=flat.user(role))} & set(NEW) == EXPECTED[role]
    client = client_for(flat, role)
    for key in NEW:
        status = client.get(api_url(flat, key)).status_code
        assert status == (200 if key in EXPECTED[role] else 404), (key, status)
    html = client.get(reverse("figures", kwargs={"slug": flat.slug})).content.decode()
    for key in NEW:
        assert (f'id="measure-{key}"' in html) == (key in EXPECTED[role]), key


def test_an_outsider_gets_404_for_every_new_measure() -> None:
    ours = build_flat(slug="onzeflat", homes={"A": 2})
    other = build_flat(slug="andereflat", homes={"A": 2})
    client = client_for(other, "director")
    assert all(client.get(api_url(ours, key)).status_code == 404 for key in NEW)


# --- cost ----------------------------------------------------------------------------------------

def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("key", [*NEW, "figures"])
def test_query_counts_do_not_grow_with_the_flat(key) -> None:
    small = build_flat(slug="kleineflat", homes={"A": 3, "B": 4})
    large = build_flat(slug="groteflat", homes={"A": 20, "B": 24, "C": 30, "D": 18}, vacant=2)
    counts = []
    for flat in (small, large):
        fill_care(flat)
        client = client_for(flat, "director")
        url = reverse("figures", kwargs={"slug": flat.slug}) if key == "figures" else api_url(flat, key)
        client.get(url)  # warm: session, caches
        counts.append(_queries(client, url))
    assert counts[0] == counts[1], counts
    # the same for 7 and 90 homes; life domains add the audit record's queries
    assert counts[1] == {"life_domains": 14, "figures": 54}.get(key, 8), counts


def test_the_figures_page_shows_life_domains_as_a_grid_of_domain_and_band_for_the_complex() -> None:
    flat = build_flat(homes={"A": 4, "B": 3})
    for household in [*flat.households["A"], *flat.households["B"]]:
        add_talk(flat, household, {"finances": 1, "housing": 4})
    html = client_for(flat, "director").get(reverse("figures", kwargs={"slug": flat.slug})).content.decode()
    grid = html.split('data-vd="grid-life_domains"', 1)[1].split("</table>", 1)[0]
    rows = {cells[0]: cells[1:] for cells in (
        [part.split(">", 1)[1].split("<", 1)[0] for part in row.split("<t")[1:] if part[:2] in ('h ', 'd ')]
        for row in grid.split("<tr")[2:])}
    assert rows["Financiën"] == ["7", "0", "0"] and rows["Huisvesting"] == ["0", "0", "7"]  # 13 domains × 3 bands
    assert len(rows) == 13 and "Leefgebied" in grid and "Per portiek" in html  # stairwells in a disclosure
    assert 'data-vd="grid-referrals"' not in html  # only measures with a grid
