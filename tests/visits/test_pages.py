"""The door-to-door pages per persona: walk list, door (guard, visit form), life-domain form
(409 on stale edits), opportunities, the household page's guard, layers and start-page links.

The persona world (tests/personas_visits.py): h1 talked, h2 three times not home (morning,
afternoon, evening), h3 refused, h4 never visited, h5 and h6 talked with life domains.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.auth import login_verified
from tests.personas import OURS, World
from tests.web.fixtures_doors import doors_flat  # noqa: F401  (a fixture)
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry, Household
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

ROUND = reverse("visit-round", kwargs={"slug": OURS})
OPPORTUNITIES = reverse("opportunity-list", kwargs={"slug": OURS})


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


def logged_in(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def unit_pk(world: World, label: str) -> int:
    return Household.objects.get(pk=world.households[label]).unit_id


def door_url(world: World, label: str) -> str:
    return reverse("visit-record", kwargs={"slug": OURS, "unit_pk": unit_pk(world, label)})


def card(html: str, world: World, label: str) -> str:
    """The text of one door's card on the walk list."""
    match = re.search(rf'<li[^>]*id="deur-{unit_pk(world, label)}"[^>]*>(.*?)</li>', html, re.S)
    assert match, label
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def guard(html: str) -> str:
    match = re.search(r'<div class="vd-guard[^"]*" data-vd="contact-load">(.*?)</ul>\s*</div>', html, re.S)
    assert match, "no contact-load guard on the page"
    return match.group(1)


# --- the walk list -----------------------------------------------------------------------------


def test_walk_list_shows_each_door_with_its_status_and_revisit_hint(world):
    html = logged_in(world, "broker").get(ROUND).content.decode()
    assert "Fam. Akkerwinde-1" in card(html, world, "h1") and "Gesproken" in card(html, world, "h1")
    h2 = card(html, world, "h2")
    assert "3× niet thuis" in h2 and "ochtend, middag, avond" in h2
    assert "Andere aanpak nodig" in h2 and "Probeer het volgende keer: weekend" in h2
    assert "Wil geen gesprek" in card(html, world, "h3")
    assert "Nog niet bezocht" in card(html, world, "h4") and "Andere aanpak" not in card(html, world, "h4")
    assert 'class="vd-walk__door vd-walk__door--flag"' in html and html.count("vd-walk__door--flag") == 1
    assert f'href="{door_url(world, "h4")}"' in html
    # per portiek, floors in walking order (ground floor first)
    portiek_a = html[html.index("Portiek A</h2>"):html.index("Portiek B</h2>")]
    assert portiek_a.index("Begane grond") < portiek_a.index("Verdieping 1") < portiek_a.index("Verdieping 2")
    assert "Akkerstraat 12" not in portiek_a


def test_a_suggestion_respects_the_households_best_time(world):
    Visit.objects.filter(household_id=world.households["h2"], time_of_day="evening").update(time_of_day="weekend")
    Household.objects.filter(pk=world.households["h2"]).update(best_time="evening")  # untried: preferred
    html = logged_in(world, "broker").get(ROUND).content.decode()
    assert "Probeer het volgende keer: avond" in card(html, world, "h2")


def test_walk_list_filters_by_portiek_and_floor(world):
    client = logged_in(world, "broker")
    html = client.get(ROUND, {"portiek": "B"}).content.decode()
    assert "Akkerstraat 12" in html and "Akkerstraat 11" not in html
    html = client.get(ROUND, {"portiek": "B", "verdieping": "1"}).content.decode()
    assert "Akkerstraat 14" in html and "Akkerstraat 12" not in html and "Akkerstraat 16" not in html
    bad = client.get(ROUND, {"portiek": "Z"})
    assert bad.status_code == 200 and "utrecht-form-field-error-message" in bad.content.decode()


def test_own_read_team_sees_names_and_visits_of_its_linked_households_only(world):
    html = logged_in(world, "nbh_team").get(ROUND).content.decode()
    assert "Fam. Akkerwinde-1" in html and "Fam. Akkerwinde-2" in html  # linked (h2 closed 6 months ago)
    assert "Gesproken" in card(html, world, "h1") and "Andere aanpak nodig" in card(html, world, "h2")
    for label in ("h3", "h4", "h5", "h6"):
        text = card(html, world, label)
        assert "Geen gegevens" in text and "Akkerwinde" not in text, label


@pytest.mark.parametrize("who", ["muni_advisor", "researcher", "reno_lead", "contractor"])
def test_walk_list_is_404_without_visits_read(world, who):
    assert logged_in(world, who).get(ROUND).status_code == 404


def _visit_some(trajectory, user) -> None:
    households = list(Household.objects.filter(unit__complex=trajectory.complex).order_by("pk"))
    for i, household in enumerate(households[::3]):
        Visit.objects.create(unit_id=household.unit_id, household=household, partner=user.partner, broker=user,
                             visited_on=timezone.localdate() - dt.timedelta(days=i % 20), time_of_day="evening",
                             outcome=Visit.Outcome.NOT_HOME if i % 2 else Visit.Outcome.TALKED)


def count_queries(client: Client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


ROUND_MAX_QUERIES = 15  # session, user, the second factor's device, memberships, trajectory (+2 prefetches), complex ids, portieken,
# units, households, tenancies, visits and the frame's navigation and partner


@pytest.mark.parametrize("params", [{}, {"portiek": "A"}])
def test_walk_list_query_count_does_not_grow_with_the_flat(doors_flat, django_assert_max_num_queries, params):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        user, trajectory = doors_flat(slug, floors, per_floor)
        _visit_some(trajectory, user)
        client = Client()
        login_verified(client, user)
        with django_assert_max_num_queries(ROUND_MAX_QUERIES):
            counts.append(count_queries(client, reverse("visit-round", kwargs={"slug": slug}), params))
    assert counts[0] == counts[1]


# --- the door: the guard and recording a visit ----------------------------------------------------


def _approach(world: World, label: str, partner: str, topic: str, hours_ago: float) -> None:
    ContactLogEntry.objects.create(household_id=world.households[label], partner_id=world.partners[partner],
                                   contacted_at=timezone.now() - dt.timedelta(hours=hours_ago),
                                   channel=ContactLogEntry.Channel.PHONE, topic=topic)


def test_the_guard_shows_organisations_and_moments_but_never_topics(world):
    _approach(world, "h4", "corp", ContactLogEntry.Topic.RENT, 30)
    _approach(world, "h4", "debt", ContactLogEntry.Topic.SUPPORT, 5)
    html = logged_in(world, "broker").get(door_url(world, "h4")).content.decode()
    shown = guard(html)
    assert "Woonstede Persona" in shown and "Schuldhulp Persona" in shown
    assert "Let op: dit huishouden is de afgelopen 14 dagen al 2 keer benaderd." in shown
    for topic in ContactLogEntry.Topic:
        assert str(topic.label) not in shown, topic
    for channel in ContactLogEntry.Channel:
        assert str(channel.label) not in shown, channel
    assert shown.index("Schuldhulp Persona") < shown.index("Woonstede Persona")  # newest first


def test_below_the_limit_the_guard_informs_without_warning(world):
    _approach(world, "h4", "corp", ContactLogEntry.Topic.RENT, 30)
    html = logged_in(world, "broker").get(door_url(world, "h4")).content.decode()
    assert "Woonstede Persona" in guard(html) and "Let op" not in html and "1 benadering in de afgelopen 14 dagen" in html


def test_the_household_pages_log_form_has_the_guard_for_those_who_approach(world):
    _approach(world, "h5", "corp", ContactLogEntry.Topic.RENT, 30)
    _approach(world, "h5", "nbh", ContactLogEntry.Topic.SUPPORT, 3)
    url = reverse("household", kwargs={"pk": world.households["h5"]})
    contractor = logged_in(world, "contractor").get(url).content.decode()  # own-write log: sees only its own entries
    shown = guard(contractor)
    assert "Woonstede Persona" in shown and "Buurtteam Persona" in shown and "Let op" in shown
    assert "Hulp en ondersteuning" not in shown and "Huur" not in shown
    director = logged_in(world, "director").get(url).content.decode()  # reads the log, does not approach
    assert 'data-vd="contact-load"' not in director


def test_recording_a_talk_logs_the_approach_and_leads_to_the_life_domains(world):
    client = logged_in(world, "broker")
    response = client.post(door_url(world, "h4"), {
        "form": "visit", "visit-outcome": "talked", "visit-visited_on": timezone.localdate().isoformat(),
        "visit-time_of_day": "evening", "visit-summary": "Kennisgemaakt", "visit-themes": ["neighbours", "safety"]})
    visit = Visit.objects.get(household_id=world.households["h4"])
    assert response.status_code == 302
    assert response.url == reverse("visit-life-domains", kwargs={"slug": OURS, "pk": visit.pk})
    assert visit.themes == ["safety", "neighbours"] and visit.summary == "Kennisgemaakt"
    entry = ContactLogEntry.objects.get(household_id=world.households["h4"], topic="getting_to_know")
    assert (entry.channel, entry.reached, entry.partner_id) == ("door", True, world.partners["welfare"])


def test_recording_not_home_goes_back_to_the_round_at_that_door(world):
    client = logged_in(world, "broker")
    response = client.post(door_url(world, "h4"), {
        "form": "visit", "visit-outcome": "not_home", "visit-visited_on": timezone.localdate().isoformat(),
        "visit-time_of_day": "morning"})
    assert response.status_code == 302
    assert response.url == f"{ROUND}?portiek=B&verdieping=1#deur-{unit_pk(world, 'h4')}"
    html = client.get(response.url).content.decode()
    assert "is vastgelegd" in html and "Probeer het volgende keer: avond" in card(html, world, "h4")


def test_an_invalid_visit_is_shown_with_errors_and_saves_nothing(world):
    response = logged_in(world, "broker").post(door_url(world, "h4"), {
        "form": "visit", "visit-visited_on": (timezone.localdate() + dt.timedelta(days=2)).isoformat(),
        "visit-time_of_day": "morning", "visit-summary": "x" * 501})
    html = response.content.decode()
    assert response.status_code == 400
    assert "toekomst" in html and 'aria-invalid="true"' in html
    assert not Visit.objects.filter(household_id=world.households["h4"]).exists()


def test_the_door_page_for_readers_has_no_forms_and_posting_is_403(world):
    client = logged_in(world, "director")  # visits read
    html = client.get(door_url(world, "h2")).content.decode()
    assert "Samenvatting-h2" in html and 'name="form" value="visit"' not in html
    assert 'data-vd="contact-load"' not in html  # the director does not approach households
    response = client.post(door_url(world, "h2"), {"form": "visit", "visit-outcome": "talked"})
    assert response.status_code == 403
    assert client.post(door_url(world, "h2"), {"form": "opportunity", "opportunity-title": "x"}).status_code == 403


def test_the_own_read_team_sees_only_its_linked_doors_visits(world):
    client = logged_in(world, "nbh_team")
    assert "Samenvatting-h2" in client.get(door_url(world, "h2")).content.decode()
    html = client.get(door_url(world, "h5")).content.decode()
    assert "Samenvatting-h5" not in html and "Fam. Akkerwinde-5" not in html


def test_unknown_form_is_400_and_a_door_of_another_flat_404(world):
    client = logged_in(world, "broker")
    assert client.post(door_url(world, "h4"), {"form": "nonsense"}).status_code == 400
    other = Household.objects.get(pk=world.households["o1"]).unit_id
    assert client.get(reverse("visit-record", kwargs={"slug": OURS, "unit_pk": other})).status_code == 404


# --- the life-domain form --------------------------------------------------------------------------


def domains_url(visit: Visit) -> str:
    return reverse("visit-life-domains", kwargs={"slug": OURS, "pk": visit.pk})


def test_life_domains_are_saved_edited_and_a_stale_edit_is_409(world):
    visit = Visit.objects.get(household_id=world.households["h1"], outcome="talked")
    client = logged_in(world, "broker")
    form = client.get(domains_url(visit)).content.decode()
    assert form.count('class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset vd-domain') == 13
    response = client.post(domains_url(visit), {"domains-finances_score": "2", "domains-finances_note": "Eerste notitie",
                                                "domains-version": ""})
    assert response.status_code == 302 and response.url.endswith("#kansen")
    assessment = LifeDomainAssessment.objects.get(visit=visit)
    assert assessment.domains == {"finances": {"score": 2, "note": "Eerste notitie"}} and assessment.version == 1

    before = timezone.now()
    html = client.get(domains_url(visit)).content.decode()
    assert "Eerste notitie" in html and 'name="domains-version" value="1"' in html
    assert AuditEvent.objects.filter(category="life_domains", action="read", actor="broker", at__gte=before).exists()

    other = logged_in(world, "broker")  # a colleague saves first
    assert other.post(domains_url(visit), {"domains-finances_score": "3", "domains-finances_note": "Collega",
                                           "domains-version": "1"}).status_code == 302
    stale = client.post(domains_url(visit), {"domains-finances_score": "1", "domains-finances_note": "Mijn versie",
                                             "domains-version": "1"})
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "Niet opgeslagen: iemand anders heeft deze leefgebieden intussen gewijzigd." in html
    assert "Collega" in html and "Mijn versie" in html and 'name="domains-version" value="2"' in html
    assert LifeDomainAssessment.objects.get(visit=visit).domains["finances"]["note"] == "Collega"


def test_a_second_first_recording_is_a_conflict_too(world):
    visit = Visit.objects.get(household_id=world.households["h1"], outcome="talked")
    client = logged_in(world, "broker")
    client.post(domains_url(visit), {"domains-housing_score": "4", "domains-version": ""})
    late = client.post(domains_url(visit), {"domains-housing_score": "2", "domains-version": ""})
    assert late.status_code == 409 and LifeDomainAssessment.objects.get(visit=visit).domains["housing"]["score"] == 4


def test_an_empty_life_domain_form_is_refused(world):
    visit = Visit.objects.get(household_id=world.households["h1"], outcome="talked")
    response = logged_in(world, "broker").post(domains_url(visit), {"domains-version": ""})
    assert response.status_code == 400 and "ten minste één leefgebied" in response.content.decode()


@pytest.mark.parametrize("label_outcome", [("h2", "not_home"), ("h3", "refused")])
def test_life_domains_only_for_talks(world, label_outcome):
    label, outcome = label_outcome
    visit = Visit.objects.filter(household_id=world.households[label], outcome=outcome).first()
    assert logged_in(world, "broker").get(domains_url(visit)).status_code == 404


# --- opportunities -----------------------------------------------------------------------------------


def test_an_opportunity_is_recorded_at_the_door_and_listed(world):
    client = logged_in(world, "broker")
    response = client.post(door_url(world, "h4"), {"form": "opportunity", "opportunity-title": "Kans-h4: kookclub",
                                                   "opportunity-support_needed": "Keuken", "opportunity-status": "idea"})
    assert response.status_code == 302 and response.url.endswith("#kansen")
    opportunity = Opportunity.objects.get(title="Kans-h4: kookclub")
    assert opportunity.household_id == world.households["h4"] and opportunity.partner_id == world.partners["welfare"]
    html = client.get(OPPORTUNITIES).content.decode()
    assert "Kans-h4: kookclub" in html and "Kans-h1: buurtbarbecue" in html and "Kans-o1" not in html


def test_the_opportunity_list_hides_household_names_from_roles_without_contact(world):
    html = logged_in(world, "muni_advisor").get(OPPORTUNITIES).content.decode()  # opportunities read, contact none
    assert "Kans-h1: buurtbarbecue" in html and "Akkerstraat 11" in html and "Akkerwinde" not in html
    assert "Fam. Akkerwinde-1" in logged_in(world, "broker").get(OPPORTUNITIES).content.decode()
    assert logged_in(world, "researcher").get(OPPORTUNITIES).status_code == 404  # agg


def test_an_opportunity_is_edited_with_its_version_and_a_stale_edit_is_409(world):
    opportunity = Opportunity.objects.get(title__startswith="Kans-h1")
    url = reverse("opportunity", kwargs={"slug": OURS, "pk": opportunity.pk})
    client = logged_in(world, "broker")
    data = {"opportunity-title": "Kans-h1: barbecue", "opportunity-support_needed": "", "opportunity-status": "supported",
            "opportunity-version": "1"}
    assert client.post(url, data).status_code == 302
    stale = client.post(url, {**data, "opportunity-title": "Kans-h1: oud"})
    assert stale.status_code == 409 and "iemand anders heeft deze kans intussen gewijzigd" in stale.content.decode()
    assert Opportunity.objects.get(pk=opportunity.pk).title == "Kans-h1: barbecue"
    reader = logged_in(world, "reno_lead")  # opportunities read
    assert 'name="opportunity-version"' not in reader.get(url).content.decode()
    assert reader.post(url, data).status_code == 403


OPPORTUNITY_LIST_MAX_QUERIES = 12


def test_opportunity_list_query_count_does_not_grow(doors_flat, django_assert_max_num_queries):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        user, trajectory = doors_flat(slug, floors, per_floor)
        for household in Household.objects.filter(unit__complex=trajectory.complex)[:: 2]:
            Opportunity.objects.create(unit_id=household.unit_id, household=household, partner=user.partner,
                                       title=f"Kans {household.pk}")
        client = Client()
        login_verified(client, user)
        with django_assert_max_num_queries(OPPORTUNITY_LIST_MAX_QUERIES):
            counts.append(count_queries(client, reverse("opportunity-list", kwargs={"slug": slug})))
    assert counts[0] == counts[1]


# --- door-grid layers and the start page -----------------------------------------------------------------


GRID = reverse("door-grid", kwargs={"slug": OURS})


def test_the_reach_layer_says_each_doors_reach_in_text(world):
    html = logged_in(world, "broker").get(GRID, {"laag": "reach"}).content.decode()
    assert "Akkerstraat 11: Gesproken" in html and "Akkerstraat 13: Wil geen gesprek" in html
    assert "Akkerstraat 12: 3× of vaker niet thuis: andere aanpak nodig" in html
    assert "Akkerstraat 14: Nog niet bezocht" in html and "Akkerstraat 17: Geen woning" in html
    assert 'Gesproken: <strong class="vd-door-legend__count">3</strong>' in html


def test_the_reach_layer_for_an_own_level_shows_no_data_for_other_doors(world):
    html = logged_in(world, "nbh_team").get(GRID, {"laag": "reach"}).content.decode()
    assert "Akkerstraat 11: Gesproken" in html and "Akkerstraat 15: Geen gegevens" in html


def test_the_opportunities_layer(world):
    html = logged_in(world, "reno_lead").get(GRID, {"laag": "opportunities"}).content.decode()
    assert "Akkerstraat 11: Kans, idee" in html and "Akkerstraat 16: Kans, wordt ondersteund" in html
    assert "Akkerstraat 12: Geen kans vastgelegd" in html
    assert logged_in(world, "reno_lead").get(GRID, {"laag": "reach"}).status_code == 404  # visits: none


@pytest.mark.parametrize("layer", ["reach", "opportunities"])
def test_layer_query_count_does_not_grow_with_the_flat(doors_flat, django_assert_max_num_queries, layer):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        user, trajectory = doors_flat(slug, floors, per_floor)
        _visit_some(trajectory, user)
        client = Client()
        login_verified(client, user)
        with django_assert_max_num_queries(15):
            counts.append(count_queries(client, reverse("door-grid", kwargs={"slug": slug}), {"laag": layer}))
    assert counts[0] == counts[1]


def test_start_page_links_visits_and_opportunities_by_grant(world):
    broker = logged_in(world, "broker").get(reverse("start")).content.decode()
    assert f'href="{ROUND}"' in broker and f'href="{OPPORTUNITIES}"' in broker
    muni = logged_in(world, "muni_advisor").get(reverse("start")).content.decode()  # visits agg, opportunities read
    assert f'href="{ROUND}"' not in muni and f'href="{OPPORTUNITIES}"' in muni
    trajectory = logged_in(world, "broker").get(reverse("trajectory", kwargs={"slug": OURS})).content.decode()
    assert f'href="{ROUND}"' in trajectory


@pytest.mark.parametrize("url_of", [lambda w: ROUND, lambda w: door_url(w, "h2"), lambda w: OPPORTUNITIES,
                                    lambda w: domains_url(Visit.objects.get(household_id=w.households["h5"]))])
def test_pages_have_no_inline_scripts_or_styles(world, url_of):
    html = logged_in(world, "broker").get(url_of(world)).content.decode()
    inline_scripts = [body for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S) if body.strip()]
    assert not inline_scripts and not re.findall(r"\sstyle\s*=|<style\b|\son[a-z]+\s*=", html)
