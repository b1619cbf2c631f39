"""The signals page: who opens it, what the list and a signal show, recording and status changes."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.auth import login_verified
from tests.personas import OTHER, OURS, World, grant_level, who_all
from tests.personas_safety import OTHER_DESCRIPTION, OUR_DESCRIPTION
from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household
from voordeur.safety.models import CrimeSignal


def _client(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def _url(slug: str = OURS) -> str:
    return reverse("crime-signals", kwargs={"slug": slug})


def _signal(world: World, label: str) -> CrimeSignal:
    return CrimeSignal.objects.get(household_id=world.households[label])


@pytest.mark.parametrize("who", who_all())
def test_a_signal_opens_only_for_crime_readers_in_its_trajectory(world: World, who):
    """The generated page tests cover the list; this covers `?signaal=ID` for every persona."""
    client = _client(world, who)
    reads = grant_level(who, Category.CRIME).reads
    for slug, label, text in ((OURS, "h5", OUR_DESCRIPTION), (OTHER, "o1", OTHER_DESCRIPTION)):
        signal = _signal(world, label)
        member = slug in world.member_of(who)
        for asked_slug in (OURS, OTHER):
            response = client.get(_url(asked_slug), {"signaal": signal.pk})
            visible = reads and member and asked_slug == slug
            assert response.status_code == (200 if visible else 404), (who, slug, asked_slug)
            assert (text in response.content.decode()) == visible
    assert client.get(_url(), {"signaal": 10**9}).status_code == 404


def test_the_list_shows_kind_address_status_but_never_the_description(world: World):
    html = _client(world, "enforcement").get(_url()).content.decode()
    assert "Hennepteelt" in html and "Akkerstraat 15" in html and "Open" in html
    assert OUR_DESCRIPTION not in html and OTHER_DESCRIPTION not in html
    assert f'href="?signaal={_signal(world, "h5").pk}"' in html


def test_writers_see_the_form_and_views_are_audited_once(world: World):
    before = AuditEvent.objects.filter(action="read", category="crime").count()
    html = _client(world, "social_manager").get(_url()).content.decode()
    assert '<textarea name="description"' in html and 'name="unit"' in html
    assert AuditEvent.objects.filter(action="read", category="crime").count() == before + 1


def test_recording_a_signal_on_the_page_links_the_current_household(world: World):
    household = Household.objects.select_related("unit").get(pk=world.households["h3"])
    response = _client(world, "social_manager").post(_url(), {
        "form": "create", "unit": household.unit_id, "about_household": "on", "kind": "housing_fraud",
        "observed_on": "2026-01-05", "to_partner": world.partners["muni"],
        "description": "Toets-Pagina-55: naam op de bel klopt niet"})
    assert response.status_code == 302, response.content.decode()
    signal = CrimeSignal.objects.get(household=household)
    assert response["Location"].endswith(f"?signaal={signal.pk}")
    assert signal.description == "Toets-Pagina-55: naam op de bel klopt niet"
    assert HouseholdLink.objects.filter(reason="signal", source_id=signal.pk, partner_id=world.partners["muni"],
                                        closed_at__isnull=True).exists()


def test_a_bad_form_is_400_and_a_unit_of_another_complex_is_refused(world: World):
    client = _client(world, "social_manager")
    other_unit = Household.objects.get(pk=world.households["o1"]).unit_id
    bad = client.post(_url(), {"form": "create", "unit": other_unit, "kind": "hemp", "observed_on": "2026-01-05",
                               "to_partner": world.partners["muni"], "description": "x"})
    assert bad.status_code == 400
    assert not CrimeSignal.objects.filter(unit_id=other_unit, reported_by_partner_id=world.partners["corp"]).exists()


def test_status_buttons_follow_the_table_and_a_stale_form_is_409(world: World):
    signal = _signal(world, "h5")
    client = _client(world, "enforcement")
    html = client.get(_url(), {"signaal": signal.pk}).content.decode()
    buttons = re.findall(r'name="to_status" value="(\w+)"', html)
    assert buttons == ["under_investigation", "closed"]
    data = {"form": "transition", "signaal": signal.pk, "version": signal.version, "to_status": "under_investigation",
            "note": "Toets-Notitie-12"}
    assert client.post(_url(), data).status_code == 302
    again = client.post(_url(), data)
    assert again.status_code == 409 and "door iemand anders gewijzigd" in again.content.decode()
    assert re.findall(r'name="to_status" value="(\w+)"', again.content.decode()) == ["closed"]  # the current state
    html = client.get(_url(), {"signaal": signal.pk}).content.decode()
    assert "Toets-Notitie-12" in html and re.findall(r'name="to_status" value="(\w+)"', html) == ["closed"]
    signal.refresh_from_db()
    assert signal.status == "under_investigation" and signal.events.count() == 2


def test_roles_without_crime_cannot_post(world: World):
    signal = _signal(world, "h5")
    for who in ("director", "muni_advisor", "broker"):
        response = _client(world, who).post(_url(), {"form": "transition", "signaal": signal.pk,
                                                     "version": signal.version, "to_status": "closed"})
        assert response.status_code == 404, who
    signal.refresh_from_db()
    assert signal.status == "open"


def test_no_inline_scripts_or_styles(world: World):
    client = _client(world, "social_manager")
    for html in (client.get(_url()).content.decode(),
                 client.get(_url(), {"signaal": _signal(world, "h5").pk}).content.decode()):
        assert not re.search(r"<script(?![^>]*\bsrc=)", html) and " style=" not in html and "<style" not in html
        assert 'name="viewport"' in html


def test_start_page_links_crime_writers_to_the_signals_page(world: World):
    assert f'href="{_url()}"' in _client(world, "enforcement").get(reverse("start")).content.decode()
    assert f'href="{_url()}"' not in _client(world, "muni_advisor").get(reverse("start")).content.decode()
    assert f'href="{_url()}"' not in _client(world, "director").get(reverse("start")).content.decode()


def test_muni_advisor_figures_show_suppressed_crime_counts_only(world: World):
    html = _client(world, "muni_advisor").get(reverse("figures", kwargs={"slug": OURS})).content.decode()
    assert "Openstaande signalen van ondermijning" in html and "&lt;5" in html
    assert OUR_DESCRIPTION not in html and "Hennepteelt" not in html


def test_list_page_query_count_does_not_grow(world: World):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(world, "enforcement")
    with CaptureQueriesContext(connection) as few:
        client.get(_url())
    unit = Household.objects.get(pk=world.households["h5"]).unit
    for i in range(10):
        CrimeSignal.objects.create(unit=unit, reported_by_partner_id=world.partners["corp"],
                                   to_partner_id=world.partners["muni"], kind="other",
                                   observed_on="2026-01-05", description=f"extra {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(_url())
    assert len(many) == len(few)
