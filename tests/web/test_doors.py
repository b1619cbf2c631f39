"""The door grid, the household list and the household page, per persona.

The persona world (tests/personas.py) gives one user per role in our trajectory: a complex of
seven doors on four floors (door 7 a guest home), households h1..h6 with distinctive values.
`doors_flat` builds bigger flats to show that the pages' query counts do not grow with them.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.auth import login_verified
from tests.personas import OTHER, OURS, OUTSIDER, World
from tests.web.fixtures_doors import doors_flat  # noqa: F401  (a fixture)
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry, Household
from voordeur.web.doors.household import HouseholdDetailView
from voordeur.web.doors.views import DoorGridView, HouseholdListView

GRID = reverse("door-grid", kwargs={"slug": OURS})
LIST = reverse("household-list", kwargs={"slug": OURS})


@pytest.fixture(autouse=True)
def _plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False


def logged_in(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def household_url(world: World, label: str) -> str:
    return reverse("household", kwargs={"pk": world.households[label]})


def html_of(response) -> str:
    return response.content.decode()


def test_views_declare_their_primary_category():
    assert (DoorGridView.primary_category, HouseholdListView.primary_category,
            HouseholdDetailView.primary_category) == ("places", "contact", "contact")


# --- door grid ------------------------------------------------------------------------------


def test_grid_is_a_table_of_floors_top_first_with_text_in_every_cell(world):
    response = logged_in(world, "broker").get(GRID)
    html = html_of(response)
    assert response.status_code == 200
    assert "<table" in html and "<caption" in html and 'scope="row"' in html
    assert html.index("Verdieping 3") < html.index("Verdieping 2") < html.index("Begane grond")
    assert html.count('class="vd-door__value"') == 7  # every door says its value in text, not colour alone
    assert "Akkerstraat 11: Bewoond" in html and "Akkerstraat 17: Logeerwoning" in html
    assert "Bewoond: <strong class=\"vd-door-legend__count\">6</strong>" in html


def test_a_role_reading_contact_gets_the_language_layer(world):
    client = logged_in(world, "broker")
    assert 'value="language"' in html_of(client.get(GRID))
    html = html_of(client.get(GRID, {"laag": "language"}))
    assert "Akkerstraat 11: Turks" in html and "Legenda: Taal" in html


def test_a_role_without_contact_read_is_not_offered_language_and_gets_404_asking(world):
    client = logged_in(world, "letting")  # places write, contact none, household none
    html = html_of(client.get(GRID))
    assert 'value="language"' not in html and 'value="size"' not in html and 'value="occupancy"' in html
    assert client.get(GRID, {"laag": "language"}).status_code == 404
    assert client.get(GRID, {"laag": "size"}).status_code == 404
    assert client.get(GRID, {"laag": "bestaat-niet"}).status_code == 404


def test_household_size_layer_only_for_household_readers(world):
    assert "Akkerstraat 11: 2 personen" in html_of(logged_in(world, "social_manager").get(GRID, {"laag": "size"}))
    assert logged_in(world, "contractor").get(GRID, {"laag": "size"}).status_code == 404  # household none


@pytest.mark.parametrize("who", ["researcher", OUTSIDER])
def test_grid_404_for_places_aggregate_only_and_for_non_members(world, who):
    assert logged_in(world, who).get(GRID).status_code == 404
    assert logged_in(world, "broker").get(reverse("door-grid", kwargs={"slug": OTHER})).status_code == 404


def test_grid_asks_login_first(world):
    response = Client().get(GRID)
    assert response.status_code == 302 and reverse("login") in response.url


def household_links(html: str, world: World) -> set[str]:
    return {label for label, pk in world.households.items() if f'href="/huishoudens/{pk}/"' in html}


@pytest.mark.parametrize(
    ("who", "linked"),
    [
        ("broker", {"h1", "h2", "h3", "h4", "h5", "h6"}),
        ("director", {"h1", "h2", "h3", "h4", "h5", "h6"}),
        ("nbh_team", {"h1", "h2"}),  # own-read: links open, or closed < 12 months (h3's closed 13 months ago)
        ("debt_help", {"h1", "h4"}),
        ("letting", set()),  # no contact read at all
    ],
)
def test_cells_link_to_households_only_where_contact_is_readable(world, who, linked):
    html = html_of(logged_in(world, who).get(GRID))
    assert household_links(html, world) == linked
    assert "/huishoudens/" + str(world.households["o1"]) + "/" not in html


def test_own_read_language_layer_shows_no_data_for_unlinked_households(world):
    html = html_of(logged_in(world, "nbh_team").get(GRID, {"laag": "language"}))
    assert "Akkerstraat 11: Turks" in html and "Akkerstraat 12: Turks" in html
    assert "Akkerstraat 13: Geen gegevens" in html and "Akkerstraat 13: Turks" not in html


def test_portiek_filter_and_unknown_portiek(world):
    client = logged_in(world, "broker")
    html = html_of(client.get(GRID, {"portiek": "A"}))
    assert "Akkerstraat 11:" in html and "Akkerstraat 13:" in html and "Akkerstraat 12:" not in html
    assert client.get(GRID, {"portiek": "Z"}).status_code == 404


def test_htmx_gets_only_the_grid_and_legend(world):
    client = logged_in(world, "broker")
    response = client.get(GRID, {"laag": "language"}, headers={"HX-Request": "true"})
    html = html_of(response)
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert html.lstrip().startswith('<section id="vd-door-grid"') and "<html" not in html and "<form" not in html
    full = html_of(client.get(GRID))
    assert 'hx-get="' + GRID + '"' in full and 'hx-push-url="true"' in full and 'hx-target="#vd-door-grid"' in full


# --- household list -------------------------------------------------------------------------


def test_list_shows_the_households_with_columns_by_grant(world):
    html = html_of(logged_in(world, "broker").get(LIST))
    for n in range(1, 7):
        assert world.values[f"h{n}"]["name"] in html and world.values[f"h{n}"]["phone"] in html
    assert world.values["o1"]["name"] not in html
    assert "Akkerstraat 11" in html and ">Personen<" in html and "Turks" in html


def test_list_without_household_read_has_no_size_column(world):
    html = html_of(logged_in(world, "contractor").get(LIST))  # contact read, household none
    assert world.values["h1"]["name"] in html
    assert ">Personen<" not in html


def test_list_own_read_shows_only_linked_households(world):
    html = html_of(logged_in(world, "nbh_team").get(LIST))
    assert world.values["h1"]["name"] in html and world.values["h2"]["name"] in html
    assert world.values["h3"]["name"] not in html and world.values["h5"]["name"] not in html


@pytest.mark.parametrize("who", ["researcher", "muni_advisor", "letting", "privacy", "admin", OUTSIDER])
def test_list_404_without_contact_read_or_membership(world, who):
    assert logged_in(world, who).get(LIST).status_code == 404


def test_list_search_by_name_address_and_portiek(world):
    client = logged_in(world, "broker")
    names = lambda response: {label for label, v in world.values.items() if v["name"] in html_of(response)}  # noqa: E731
    assert names(client.get(LIST, {"q": "akkerwinde-3"})) == {"h3"}
    assert names(client.get(LIST, {"q": "Akkerstraat 14"})) == {"h4"}
    assert names(client.get(LIST, {"portiek": "B"})) == {"h2", "h4", "h6"}
    assert names(client.get(LIST, {"q": "niemand"})) == set()


# --- household page -------------------------------------------------------------------------

CONTACT_LABELS = ("Telefoon", "E-mail", "Tolk nodig", "Beste moment om te bereiken")
HOUSEHOLD_LABELS = ("Samenstelling", "Geboortejaar", "Huurovereenkomst", "Notities", "T-ons-001")


@pytest.mark.parametrize("who", ["broker", "social_manager"])
def test_page_shows_contact_and_household_to_those_who_may(world, who):
    values = world.values["h1"]
    html = html_of(logged_in(world, who).get(household_url(world, "h1")))
    for text in CONTACT_LABELS + HOUSEHOLD_LABELS + (values["phone"], values["email"], values["notes"], values["person"]):
        assert text in html, text


def test_contractor_sees_contact_but_no_household_section(world):
    values = world.values["h5"]
    response = logged_in(world, "contractor").get(household_url(world, "h5"))
    html = html_of(response)
    assert response.status_code == 200 and values["phone"] in html
    for text in HOUSEHOLD_LABELS + (values["notes"], values["person"], "1970", "Hoofdhuurder", ">Huishouden<"):
        assert text not in html, text


@pytest.mark.parametrize(("who", "label"), [(OUTSIDER, "h1"), ("letting", "h1"), ("researcher", "h1"),
                                            ("nbh_team", "h3"), ("broker", "o1")])
def test_page_404_when_not_visible(world, who, label):
    assert logged_in(world, who).get(household_url(world, label)).status_code == 404


def test_page_404_for_missing(world):
    assert logged_in(world, "broker").get(reverse("household", kwargs={"pk": 999999})).status_code == 404


def test_contact_log_shows_organisation_channel_topic_never_content(world):
    html = html_of(logged_in(world, "broker").get(household_url(world, "h1")))
    assert "Buurtteam Persona" in html and "Welzijn Persona" in html and "Hulp en ondersteuning" in html


def log_post(**overrides) -> dict:
    moment = timezone.localtime() - dt.timedelta(hours=1)
    data = {"form": "log", "log-contacted_at": moment.strftime("%Y-%m-%dT%H:%M"), "log-channel": "phone",
            "log-topic": "works_appointment", "log-reached": "on"}
    return data | overrides


def test_own_write_role_logs_a_contact_with_an_audit_row(world):
    client = logged_in(world, "contractor")  # contacts_log own-write
    html = html_of(client.get(household_url(world, "h6")))
    assert 'name="form" value="log"' in html
    before = ContactLogEntry.objects.count()
    response = client.post(household_url(world, "h6"), log_post())
    assert response.status_code == 302 and response.url == household_url(world, "h6")
    entry = ContactLogEntry.objects.latest("id")
    assert ContactLogEntry.objects.count() == before + 1
    assert (entry.household_id, entry.partner_id, entry.channel, entry.reached) == (
        world.households["h6"], world.partners["contractor"], "phone", True)
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.category, event.object_id, event.actor) == (
        "create", "contacts_log", str(entry.pk), "contractor")
    followed = html_of(client.get(response.url))
    assert "Het contactmoment is vastgelegd." in followed and "Afspraak werkzaamheden" in followed


def test_log_form_rejects_the_future_and_bad_choices(world):
    client = logged_in(world, "broker")
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    before = ContactLogEntry.objects.count()
    response = client.post(household_url(world, "h1"), log_post(**{"log-contacted_at": future, "log-channel": "fax"}))
    html = html_of(response)
    assert response.status_code == 400 and "in de toekomst" in html and 'aria-invalid="true"' in html
    assert ContactLogEntry.objects.count() == before


def test_read_only_log_role_has_no_form_and_gets_403_posting(world):
    client = logged_in(world, "director")  # contacts_log read, contact read
    html = html_of(client.get(household_url(world, "h1")))
    assert "Contactmomenten" in html and 'value="log"' not in html and 'value="contact"' not in html
    assert client.post(household_url(world, "h1"), log_post()).status_code == 403


def test_post_to_an_invisible_household_is_404(world):
    assert logged_in(world, OUTSIDER).post(household_url(world, "h1"), log_post()).status_code == 404


def contact_post(household: Household, **overrides) -> dict:
    data = {"form": "contact", "contact-version": household.version, "contact-name": household.name,
            "contact-phone": household.phone, "contact-email": household.email, "contact-language": household.language,
            "contact-best_time": household.best_time}
    if household.interpreter_needed:
        data["contact-interpreter_needed"] = "on"
    return data | overrides


def test_edit_contact_saves_and_redirects(world):
    household = Household.objects.get(pk=world.households["h2"])
    client = logged_in(world, "broker")
    response = client.post(household_url(world, "h2"), contact_post(household, **{"contact-phone": "+31 6 9999 0002"}))
    assert response.status_code == 302
    household.refresh_from_db()
    assert household.phone == "+31 6 9999 0002" and household.version == 2
    event = AuditEvent.objects.latest("seq")
    assert (event.action, event.category, event.detail) == ("update", "contact", {"fields": ["phone"]})
    assert "De contactgegevens zijn opgeslagen." in html_of(client.get(response.url))


def test_stale_version_is_409_shows_current_values_and_changes_nothing(world):
    household = Household.objects.get(pk=world.households["h3"])
    stale = contact_post(household, **{"contact-phone": "+31 6 0000 1111"})
    Household.objects.filter(pk=household.pk).update(phone="+31 6 2222 3333", version=2)  # someone else saved
    client = logged_in(world, "social_manager")
    events = AuditEvent.objects.count()
    response = client.post(household_url(world, "h3"), stale)
    html = html_of(response)
    assert response.status_code == 409
    assert "iemand anders heeft deze contactgegevens intussen gewijzigd" in html
    assert "+31 6 2222 3333" in html  # the current value
    assert 'name="contact-version" value="2"' in html  # a deliberate retry names the version now shown
    household.refresh_from_db()
    assert (household.phone, household.version) == ("+31 6 2222 3333", 2)
    assert AuditEvent.objects.count() == events


def test_contact_edit_needs_contact_write(world):
    household = Household.objects.get(pk=world.households["h5"])
    client = logged_in(world, "enforcement")  # contact read
    assert 'value="contact"' not in html_of(client.get(household_url(world, "h5")))
    assert client.post(household_url(world, "h5"), contact_post(household)).status_code == 403
    household.refresh_from_db()
    assert household.version == 1


def test_invalid_contact_edit_rerenders_with_errors(world):
    household = Household.objects.get(pk=world.households["h4"])
    response = logged_in(world, "broker").post(household_url(world, "h4"),
                                               contact_post(household, **{"contact-email": "geen-adres"}))
    assert response.status_code == 400 and 'aria-invalid="true"' in html_of(response)
    household.refresh_from_db()
    assert household.version == 1


def test_forms_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    login_verified(client, world.user("broker"))
    before = ContactLogEntry.objects.count()
    assert client.post(household_url(world, "h1"), log_post()).status_code == 403
    assert ContactLogEntry.objects.count() == before


def test_unknown_form_is_400(world):
    assert logged_in(world, "broker").post(household_url(world, "h1"), {"form": "x"}).status_code == 400


# --- query counts: flat size must not matter ------------------------------------------------


def count_queries(client: Client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


# session, user, the second factor's device (django-otp; brokers need one), memberships, trajectory
# (+ its 2 prefetches), complex ids, portieken, the layer's 1-2 queries, the visible households for
# links, and the page frame's navigation and partner.
GRID_MAX_QUERIES = 15
LIST_MAX_QUERIES = 13  # ... count + page instead of layer and links
PAGE_MAX_QUERIES = 15  # ... + the household's referrals and promises, the second factor's device, the guard


@pytest.mark.parametrize("layer", ["occupancy", "language", "size"])
def test_grid_query_count_does_not_grow_with_the_flat(doors_flat, django_assert_max_num_queries, layer):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        user, trajectory = doors_flat(slug, floors, per_floor)
        client = Client()
        login_verified(client, user)
        url = reverse("door-grid", kwargs={"slug": trajectory.slug})
        with django_assert_max_num_queries(GRID_MAX_QUERIES):
            counts.append(count_queries(client, url, {"laag": layer}))
    assert counts[0] == counts[1]


def test_big_grid_draws_every_door(doors_flat):
    user, trajectory = doors_flat("groot", 9, 20)
    client = Client()
    login_verified(client, user)
    html = html_of(client.get(reverse("door-grid", kwargs={"slug": trajectory.slug}), {"laag": "language"}))
    assert html.count('class="vd-door__value"') == 180 and html.count('scope="row"') == 9
    assert "Overig:" in html and "Onbekend:" in html and "Dagverblijf" not in html  # the day room is "Geen woning"
    assert "Geen woning: <strong class=\"vd-door-legend__count\">1</strong>" in html


def test_list_query_count_does_not_grow_with_the_flat(doors_flat, django_assert_max_num_queries):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        user, trajectory = doors_flat(slug, floors, per_floor)
        client = Client()
        login_verified(client, user)
        url = reverse("household-list", kwargs={"slug": trajectory.slug})
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            counts.append(count_queries(client, url))
    assert counts[0] == counts[1]
    assert count_queries(client, url, {"pagina": 3}) == counts[1]  # 144 households: 3 pages of 50


def test_household_page_query_count_is_pinned(world, django_assert_max_num_queries):
    client = logged_in(world, "broker")
    with django_assert_max_num_queries(PAGE_MAX_QUERIES):
        response = client.get(household_url(world, "h1"))
    assert response.status_code == 200
