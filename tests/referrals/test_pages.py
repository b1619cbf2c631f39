"""The referral and promise pages: referring at the door, the overview with its status changes
(409 on a stale version), the referral page, the commitment figure, the household section, the
start page's escalation and the door-grid layers — and the reason that the director never sees."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.auth import login_verified
from tests.personas import OTHER, OURS, World
from tests.personas_referrals import (
    OVERRIDE_REASON,
    REASONS,
    grow_promises,
    grow_referrals,
)
from voordeur.access.models import HouseholdLink
from voordeur.audit.models import AuditEvent
from voordeur.referrals.models import Promise, Referral

RS, PS = Referral.Status, Promise.Status
P2 = "Schuldhulp Persona neemt binnen 5 werkdagen contact op"
P6 = "Toezegging-P6 aannemer repareert de voordeur"
SECRET = "Reden-T9 kan de energierekening niet meer betalen"


def client_as(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def pk(world: World, label: str) -> int:
    return world.referral_pks[label]


def html(response) -> str:
    return response.content.decode()


def referral_form(world: World, **changes) -> dict:
    data = {"to_partner": world.partners["nbh"], "kind": Referral.Kind.NBH_SUPPORT, "reason": SECRET,
            "consent_given": "on", "consent_scope": "Met het buurtteam: de reden", "shared_domains": ["finances"],
            "override_reason": "", "respond_days": 5}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


NEW = f"/t/{OURS}/huishoudens/{{pk}}/doorverwijzen/"


# --- referring ---------------------------------------------------------------------------------------


def test_a_broker_refers_with_consent_and_lands_on_the_referral(world):
    client = client_as(world, "broker")
    url = NEW.format(pk=world.households["h5"])
    page = html(client.get(url))
    assert 'name="reason"' in page and 'name="shared_domains"' in page and "Financiën" in page
    assert "Buurtteam Persona" in page and "Schuldhulp Persona" in page
    assert "Bouwbedrijf Persona" not in page  # nobody there can take a referral
    assert "Welzijn Persona</option>" not in page  # not to itself
    response = client.post(url, referral_form(world))
    referral = Referral.objects.get(household_id=world.households["h5"])
    assert response.status_code == 302 and response["Location"] == f"/t/{OURS}/doorverwijzingen/{referral.pk}/"
    assert (referral.reason, referral.shared_domains, referral.consent_given) == (SECRET, ["finances"], True)
    assert HouseholdLink.objects.filter(source_id=referral.pk, partner_id=world.partners["nbh"]).exists()
    detail = html(client.get(response["Location"]))
    assert SECRET in detail and "Buurtteam Persona neemt binnen 5 werkdagen contact op" in detail
    assert AuditEvent.objects.filter(action="read", category="life_domains", object_id=str(referral.pk),
                                     actor="broker").exists()


def test_without_consent_or_a_reason_for_the_emergency_nothing_is_sent(world):
    client = client_as(world, "broker")
    url = NEW.format(pk=world.households["h5"])
    response = client.post(url, referral_form(world, consent_given=None, consent_scope="", shared_domains=[]))
    assert response.status_code == 400
    assert "Zonder toestemming van de bewoner kan niet worden doorverwezen" in html(response)
    response = client.post(url, referral_form(world, consent_given=None, consent_scope="", shared_domains=[],
                                              emergency_override="on"))
    assert response.status_code == 400 and "Leg vast waarom zonder toestemming" in html(response)
    assert not Referral.objects.filter(household_id=world.households["h5"]).exists()
    response = client.post(url, referral_form(world, consent_given=None, consent_scope="", shared_domains=[],
                                              emergency_override="on", override_reason="Acuut gevaar"))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="emergency_override", actor="broker").count() == 1


def test_who_may_open_the_referral_form(world):
    h1, h5 = world.households["h1"], world.households["h5"]
    assert client_as(world, "director").get(NEW.format(pk=h1)).status_code == 403  # reads referrals only
    assert client_as(world, "nbh_team").get(NEW.format(pk=h5)).status_code == 404  # not its household
    nbh = client_as(world, "nbh_team").get(NEW.format(pk=h1))
    assert nbh.status_code == 200 and 'name="reason"' not in html(nbh)  # may not record conversation content
    assert client_as(world, "broker").get(f"/t/{OTHER}/huishoudens/{h1}/doorverwijzen/").status_code == 404
    assert client_as(world, "outsider").get(NEW.format(pk=h1)).status_code == 404


def test_the_form_shows_the_contact_load_guard():
    source = get_template("web/referrals/new_referral.html").template.source
    assert '{% include "web/visits/_contact_load.html" %}' in source


def test_a_promise_is_recorded_from_the_household(world):
    client = client_as(world, "reno_lead")
    url = f"/t/{OURS}/huishoudens/{world.households['h6']}/toezeggen/"
    response = client.post(url, {"owner_partner": world.partners["corp"], "text": "Toezegging-T3 nieuwe bel",
                                 "working_days": 3})
    assert response.status_code == 302 and response["Location"] == f"/huishoudens/{world.households['h6']}/"
    promise = Promise.objects.get(text="Toezegging-T3 nieuwe bel")
    assert promise.working_days == 3 and promise.made_by_partner_id == world.partners["corp"]
    assert "Toezegging-T3 nieuwe bel" in html(client.get(response["Location"]))
    bad = client.post(url, {"owner_partner": world.partners["corp"], "text": "", "working_days": 3})
    assert bad.status_code == 400


# --- the overview and status changes ---------------------------------------------------------------------

OVERVIEW = f"/t/{OURS}/toezeggingen/"


def transition(world, label: str, status: str, *, version: int | None = None, kind: str = "referral", **extra):
    model = Referral if kind == "referral" else Promise
    record_pk = pk(world, label)
    current = model.objects.get(pk=record_pk).version
    return {"form": kind, "pk": record_pk, "status": status, "version": current if version is None else version,
            "note": "", **extra}


def test_own_level_overview_shows_what_was_referred_to_and_by_the_organisation(world):
    page = html(client_as(world, "debt_help").get(OVERVIEW))
    assert "Onze doorverwijzingen en toezeggingen" in page
    received = page.split('id="ontvangen"')[1].split('id="verstuurd"')[0]
    assert f'/doorverwijzingen/{pk(world, "R2")}/' in received and f'/doorverwijzingen/{pk(world, "R5")}/' in received
    assert "Aannemen" in received and "Afwijzen" in received and "Intrekken" not in received
    owned = page.split('id="toegezegd"')[1]
    assert P2 in owned and "over de termijn" in owned and "Nagekomen" in owned
    assert "Nakomen per partner" not in page  # the comparison is for full readers
    for reason in REASONS.values():
        assert reason not in page


def test_the_receiver_accepts_from_the_overview(world):
    client = client_as(world, "debt_help")
    response = client.post(OVERVIEW + "?doorverwijzingen=alle", transition(world, "R2", RS.ACCEPTED, note="Bellen morgen"))
    assert response.status_code == 302 and response["Location"] == OVERVIEW + "?doorverwijzingen=alle"
    referral = Referral.objects.get(pk=pk(world, "R2"))
    assert referral.status == RS.ACCEPTED
    assert referral.events.last().note == "Bellen morgen"


def test_a_stale_change_is_409_shows_the_conflict_and_changes_nothing(world):
    client = client_as(world, "debt_help")
    stale = transition(world, "R2", RS.DECLINED)
    assert client.post(OVERVIEW, transition(world, "R2", RS.ACCEPTED)).status_code == 302
    response = client.post(OVERVIEW, stale)
    assert response.status_code == 409
    assert "iemand anders heeft dit intussen gewijzigd" in html(response)
    assert Referral.objects.get(pk=pk(world, "R2")).status == RS.ACCEPTED
    on_detail = client.post(f"/t/{OURS}/doorverwijzingen/{pk(world, 'R2')}/", stale)
    assert on_detail.status_code == 409 and "Aangenomen" in html(on_detail)


def test_changes_the_workflow_or_the_grant_does_not_allow(world):
    nbh = client_as(world, "nbh_team")
    refused = nbh.post(OVERVIEW, transition(world, "R1", RS.DECLINED))  # accepted cannot be declined
    assert refused.status_code == 400 and "Niet opgeslagen" in html(refused)
    completed = nbh.post(OVERVIEW, transition(world, "R1", RS.COMPLETED, feedback=" "))
    assert completed.status_code == 400 and "Meld terug" in html(completed)
    assert nbh.post(OVERVIEW, transition(world, "R1", RS.COMPLETED, feedback="Traject loopt")).status_code == 302
    assert client_as(world, "social_manager").post(OVERVIEW, transition(world, "R2", RS.ACCEPTED)).status_code == 403
    assert client_as(world, "broker").post(OVERVIEW, transition(world, "R2", RS.ACCEPTED)).status_code == 403
    assert client_as(world, "contractor").post(OVERVIEW, transition(world, "R2", RS.ACCEPTED)).status_code == 404
    # a record of the other trajectory does not exist on our pages, nor ours for the outsider
    assert client_as(world, "director").post(OVERVIEW, transition(world, "OP1", PS.KEPT, kind="promise")).status_code == 404
    assert client_as(world, "outsider").post(f"/t/{OTHER}/toezeggingen/",
                                             transition(world, "P2", PS.KEPT, kind="promise")).status_code == 404
    assert client_as(world, "debt_help").post(OVERVIEW, {"form": "promise", "pk": "x"}).status_code == 400


def test_the_owner_marks_a_promise_kept_and_the_director_filters_the_overdue(world):
    director = client_as(world, "director")
    overdue = html(director.get(OVERVIEW, {"te_laat": "on"}))
    assert P2 in overdue and P6 in overdue and "Toezegging-P8" not in overdue
    owned = html(director.get(OVERVIEW, {"status": "alle", "eigenaar": world.partners["corp"]}))
    assert "Toezegging-P8" in owned and P6 not in owned
    client = client_as(world, "contractor")
    response = client.post(OVERVIEW, transition(world, "P6", PS.KEPT, kind="promise", kept_on="2020-01-01"))
    assert response.status_code == 400  # before the promise was made
    assert client.post(OVERVIEW, transition(world, "P6", PS.KEPT, kind="promise")).status_code == 302
    assert Promise.objects.get(pk=pk(world, "P6")).status == PS.KEPT
    assert P6 not in html(director.get(OVERVIEW, {"te_laat": "on"}))


# --- the director never sees the reason -----------------------------------------------------------------


def test_the_director_never_sees_a_reason_on_any_page_or_in_the_api(world):
    client = client_as(world, "director")
    urls = ["/", OVERVIEW, OVERVIEW + "?status=alle&doorverwijzingen=alle", f"/t/{OURS}/nakomen/",
            f"/t/{OURS}/deuren/?laag=referrals", f"/t/{OURS}/deuren/?laag=promises",
            "/api/v1/referrals/", "/api/v1/promises/"]
    urls += [f"/t/{OURS}/doorverwijzingen/{pk(world, label)}/" for label in ("R1", "R2", "R3", "R4", "R5")]
    urls += [f"/api/v1/referrals/{pk(world, label)}/" for label in ("R1", "R3", "R5")]
    urls += [f"/huishoudens/{world.households[label]}/" for label in ("h1", "h2", "h3", "h4")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = html(response)
        for reason in REASONS.values():
            assert reason not in text, url
    detail = html(client.get(f"/t/{OURS}/doorverwijzingen/{pk(world, 'R5')}/"))
    assert OVERRIDE_REASON in detail  # the override's justification is the referral's record, not its reason
    api = client.get(f"/api/v1/referrals/{pk(world, 'R1')}/").json()
    assert "reason" not in api and api["status"] == RS.ACCEPTED
    # control: the same pages do show it to the sender
    assert REASONS["R1"] in html(client_as(world, "broker").get(f"/t/{OURS}/doorverwijzingen/{pk(world, 'R1')}/"))


def test_the_receiver_sees_the_reason_only_with_consent(world):
    broker = client_as(world, "broker")
    broker.post(NEW.format(pk=world.households["h6"]), referral_form(
        world, consent_given=None, consent_scope="", shared_domains=[], emergency_override="on",
        override_reason="Acuut gevaar"))
    emergency = Referral.objects.get(household_id=world.households["h6"])
    nbh = client_as(world, "nbh_team")
    page = nbh.get(f"/t/{OURS}/doorverwijzingen/{emergency.pk}/")
    assert page.status_code == 200 and SECRET not in html(page)  # linked, but no consent: no reason
    api = nbh.get(f"/api/v1/referrals/{emergency.pk}/").json()
    assert "reason" not in api and api["emergency_override"] is True
    consented = nbh.get(f"/api/v1/referrals/{pk(world, 'R1')}/").json()
    assert consented["reason"] == REASONS["R1"] and consented["shared_domains"] == ["finances", "mental_health"]
    assert REASONS["R1"] in html(nbh.get(f"/t/{OURS}/doorverwijzingen/{pk(world, 'R1')}/"))
    # the page audits a read of the reason only when it shows one
    assert not AuditEvent.objects.filter(action="read", category="life_domains", object_id=str(emergency.pk),
                                         actor="nbh_team", purpose="referral page").exists()
    assert AuditEvent.objects.filter(action="read", category="life_domains", object_id=str(pk(world, "R1")),
                                     actor="nbh_team", purpose="referral page").exists()


# --- the commitment figure -----------------------------------------------------------------------------------


def test_the_commitment_figure_per_partner(world):
    client = client_as(world, "director")
    page = html(client.get(f"/t/{OURS}/nakomen/"))
    cells = {}
    for partner_id, body in re.findall(r'data-vd-partner="(\d+)">(.*?)</tr>', page, re.S):
        cells[int(partner_id)] = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
    # decided, on time, late, broken, open overdue, rate, still running
    assert cells[world.partners["nbh"]] == ["2", "1", "1", "0", "0", "50%", "0"]
    assert cells[world.partners["debt"]] == ["1", "0", "0", "0", "1", "0%", "1"]
    assert cells[world.partners["corp"]] == ["1", "1", "0", "0", "0", "100%", "0"]
    assert cells[world.partners["muni"]] == ["1", "0", "0", "1", "0", "0%", "0"]
    assert cells[world.partners["contractor"]] == ["1", "0", "0", "0", "1", "0%", "0"]
    assert world.partners["other_welfare"] not in cells
    assert "<svg" in page and 'role="img"' in page and "Buurtteam Persona: 50%." in page
    assert "style=" not in page and "<script" not in page.split("</head>")[1]
    assert client_as(world, "nbh_team").get(f"/t/{OURS}/nakomen/").status_code == 404
    assert client_as(world, "muni_advisor").get(f"/t/{OURS}/nakomen/").status_code == 404
    assert client_as(world, "outsider").get(f"/t/{OURS}/nakomen/").status_code == 404


# --- household page, start page, door grid ----------------------------------------------------------------------


def test_the_household_page_lists_referrals_and_promises_for_those_who_may_see_them(world):
    nbh = html(client_as(world, "nbh_team").get(f"/huishoudens/{world.households['h1']}/"))
    assert "Doorverwijzingen en toezeggingen" in nbh and "Buurtteam Persona neemt binnen 5 werkdagen" in nbh
    assert f"/doorverwijzingen/{pk(world, 'R1')}/" in nbh and f"/doorverwijzingen/{pk(world, 'R2')}/" in nbh
    assert REASONS["R1"] not in nbh
    contractor = html(client_as(world, "contractor").get(f"/huishoudens/{world.households['h5']}/"))
    assert P6 in contractor and "Toezegging-P8" not in contractor  # only its own promises
    assert "Doorverwijzingen" not in contractor and "/doorverwijzen/" not in contractor
    assert "/toezeggen/" in contractor
    letting = client_as(world, "letting").get(f"/huishoudens/{world.households['h1']}/")
    assert letting.status_code == 404  # no contact: no household page at all


@pytest.mark.parametrize(("who", "shown", "hidden"), [
    ("director", [P2, P6], []),
    ("debt_help", [P2], [P6]),
    ("contractor", [P6], [P2]),
    ("enforcement", [], [P2, P6]),
    ("nbh_team", [], [P2, P6]),
    ("outsider", ["Toezegging-OP1"], [P2, P6]),
])
def test_overdue_promises_escalate_on_the_start_page(world, who, shown, hidden):
    page = html(client_as(world, who).get("/"))
    assert ("Toezeggingen over de termijn" in page) == bool(shown)
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page
    if shown and who != "outsider":
        assert f'href="/t/{OURS}/toezeggingen/?te_laat=on"' in page


def test_door_grid_layers_colour_homes_by_promise_and_referral(world):
    client = client_as(world, "director")
    promises = html(client.get(f"/t/{OURS}/deuren/", {"laag": "promises"}))
    assert "Akkerstraat 11: Toezegging over de termijn" in promises  # h1: P2
    assert "Akkerstraat 14: Open toezegging" in promises  # h4: P5, not due yet
    assert "Akkerstraat 12: Geen open toezegging" in promises  # h2: kept
    assert 'Toezegging over de termijn: <strong class="vd-door-legend__count">2</strong>' in promises
    referrals = html(client.get(f"/t/{OURS}/deuren/", {"laag": "referrals"}))
    assert "Akkerstraat 11: Lopende doorverwijzing" in referrals
    assert "Akkerstraat 12: Alleen afgesloten doorverwijzingen" in referrals
    assert "Akkerstraat 15: Geen doorverwijzing" in referrals
    own = html(client_as(world, "contractor").get(f"/t/{OURS}/deuren/", {"laag": "promises"}))
    assert "Akkerstraat 15: Toezegging over de termijn" in own and "Akkerstraat 11: Geen open toezegging" in own


# --- cost ----------------------------------------------------------------------------------------------------------


def count(client: Client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["director", "debt_help"])
def test_overview_and_figure_cost_does_not_grow_with_the_records(world, who):
    from tests.api.test_query_counts import Pin
    from voordeur.places.models import Complex, Portiek
    from voordeur.trajectories.models import Trajectory

    trajectory = Trajectory.objects.get(slug=OURS)
    cplx = Complex.objects.get(pk=trajectory.complex_id)
    pin = Pin(user=world.user("broker"), partner=world.user("broker").partner, trajectory=trajectory, complex=cplx,
              portieken=list(Portiek.objects.filter(complex=cplx)))
    client = client_as(world, who)
    urls = [OVERVIEW, OVERVIEW + "?status=alle&doorverwijzingen=alle"] + ([f"/t/{OURS}/nakomen/"] if who == "director" else [])
    before = [count(client, url) for url in urls]
    grow_referrals(pin, 12)
    grow_promises(pin, 12)
    h4 = world.households["h4"]
    for i in range(6):  # rows an own-level sees too: to and owned by debt help, on a linked household
        referral = Referral.objects.create(household_id=h4, from_partner_id=world.partners["welfare"],
                                           to_partner_id=world.partners["debt"], kind=Referral.Kind.DEBT_HELP,
                                           consent_given=True, consent_scope="x", respond_by=dt.date(2030, 1, 1))
        Promise.objects.create(household_id=h4, referral=referral, owner_partner_id=world.partners["debt"],
                               made_by_partner_id=world.partners["welfare"], text=f"Groei {i}",
                               made_on=dt.date(2029, 1, 1), due_date=dt.date(2030, 1, 1))
    assert [count(client, url) for url in urls] == before
    assert "Groei 5" in html(client.get(OVERVIEW))
