"""The UI shell: login/logout (audited), the start page, the trajectory page, the frame."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.auth import login_verified
from tests.personas import OTHER, OURS, OUTSIDER, PASSWORD, World
from voordeur.access.policy import POLICY, Category, Level, Role
from voordeur.accounts.models import User
from voordeur.audit.models import AuditEvent
from voordeur.web.shell import urls as shell_urls
from voordeur.web.shell.work import WORK

OUR_NAME, OTHER_NAME = "Akkerflat Vernieuwt", "Anderflat Traject"


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The test client speaks plain HTTP; the env switch in tests/conftest.py can come too late."""
    settings.SECURE_SSL_REDIRECT = False


def logged_in(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def trajectory_url(slug: str = OURS) -> str:
    return reverse("trajectory", kwargs={"slug": slug})


# --- login / logout ------------------------------------------------------------------------


def test_login_page_is_a_dutch_utrecht_form(client, db):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="nl"' in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html
    assert "utrecht-textbox" in html and "utrecht-button--primary-action" in html


def test_login_succeeds_and_is_audited(client, world):
    response = client.post(reverse("login"), {"username": "broker", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("start")
    event = AuditEvent.objects.filter(action="login").last()
    assert event.actor == "broker" and event.actor_id == world.users["broker"]


def test_failed_login_shows_an_error_and_audits_only_the_username(client, world):
    before = AuditEvent.objects.count()
    response = client.post(reverse("login"), {"username": "broker", "password": "geheim-fout-123"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inloggen is niet gelukt" in html
    assert 'aria-invalid="true"' in html
    events = list(AuditEvent.objects.filter(action="login_failed"))
    assert AuditEvent.objects.count() == before + 1
    assert events[-1].detail == {"username": "broker"}
    assert "geheim-fout-123" not in str([(e.detail, e.purpose, e.actor) for e in events])
    assert "geheim-fout-123" not in html


def test_failed_login_truncates_a_long_username(client, db):
    client.post(reverse("login"), {"username": "x" * 400, "password": "nope"})
    assert AuditEvent.objects.filter(action="login_failed").last().detail["username"] == "x" * 150


def test_logout_is_a_post_and_is_audited(world):
    client = logged_in(world, "director")
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert AuditEvent.objects.filter(action="logout", actor="director").exists()
    assert client.get(reverse("start")).status_code == 302  # logged out
    assert "U bent uitgelogd" in client.get(reverse("login")).content.decode()


# --- start page -------------------------------------------------------------------------------


def test_start_requires_login(client, db):
    response = client.get(reverse("start"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_start_shows_the_users_trajectories_role_and_organisation(world):
    html = logged_in(world, "broker").get(reverse("start")).content.decode()
    assert OUR_NAME in html and "Akkerflat Persona" in html and "Opbouwen" in html
    assert OTHER_NAME not in html
    assert str(Role.BROKER.label) in html and "Welzijn Persona" in html
    assert f'href="{trajectory_url()}"' in html

    outsider = logged_in(world, OUTSIDER).get(reverse("start")).content.decode()
    assert OTHER_NAME in outsider and OUR_NAME not in outsider


@pytest.mark.parametrize(
    ("who", "present", "absent"),
    [
        ("broker", ["Contactmomenten vastleggen", "Contactgegevens van huishoudens bijhouden",
                    "Gesprekken over leefgebieden vastleggen", "Alleen wat uw organisatie aangaat."],
         ["Signalen van ondermijning", "Huurachterstand"]),
        ("contractor", ["Huishoudens bekijken", "De deuren van het complex bekijken", "Contactmomenten vastleggen"],
         ["leefgebieden", "Doorverwijzingen", "Bewonersinitiatieven"]),
        ("researcher", ["Cijfers over woningen en leegstand per complex", "Gepseudonimiseerde onderzoeksgegevens"],
         ["Huishoudens bekijken", "De deuren van het complex"]),
    ],
)
def test_start_lists_the_work_the_roles_grants_open(world, who, present, absent):
    html = logged_in(world, who).get(reverse("start")).content.decode()
    for text in present:
        assert text in html, text
    for text in absent:
        assert text not in html, text


@pytest.mark.parametrize("role", list(Role))
def test_start_never_describes_a_category_the_role_cannot_see(world, role):
    html = logged_in(world, role.value).get(reverse("start")).content.decode()
    for category, work in WORK.items():
        if POLICY[category][role] is Level.NONE:
            for text in (work.count, work.view, work.change):
                assert text is None or str(text) not in html, (category, text)


def test_start_links_work_to_the_pages_the_role_may_open(world):
    door_grid = reverse("door-grid", kwargs={"slug": OURS})
    households = reverse("household-list", kwargs={"slug": OURS})
    broker = logged_in(world, "broker").get(reverse("start")).content.decode()
    assert f'href="{door_grid}"' in broker and f'href="{households}"' in broker
    letting = logged_in(world, "letting").get(reverse("start")).content.decode()  # contact: none
    assert f'href="{door_grid}"' in letting and f'href="{households}"' not in letting
    researcher = logged_in(world, "researcher").get(reverse("start")).content.decode()  # places: agg
    assert f'href="{door_grid}"' not in researcher


def test_start_explains_when_the_user_has_no_trajectories(world):
    lonely = User.objects.create_user("nieuweling", password=PASSWORD, role=Role.BROKER)
    client = Client()
    login_verified(client, lonely)
    html = client.get(reverse("start")).content.decode()
    assert "U bent nog niet aan een traject toegevoegd" in html
    assert OUR_NAME not in html and OTHER_NAME not in html


# --- trajectory page --------------------------------------------------------------------------


def test_trajectory_page_is_404_for_non_members_and_missing_slugs(world):
    outsider = logged_in(world, OUTSIDER)
    not_member = outsider.get(trajectory_url(OURS))
    missing = outsider.get(trajectory_url("bestaat-niet"))
    assert not_member.status_code == missing.status_code == 404
    assert OUR_NAME not in not_member.content.decode()
    assert outsider.get(trajectory_url(OTHER)).status_code == 200


def test_trajectory_page_shows_the_six_phases_with_the_current_one_marked(world):
    html = logged_in(world, "director").get(trajectory_url()).content.decode()
    for name in ("Verkennen", "Opbouwen", "Handhaven", "Renoveren", "Anders toewijzen", "Beheren"):
        assert name in html
    assert html.count('aria-current="step"') == 1
    current = re.search(r'<li[^>]*aria-current="step"[^>]*>(.*?)</li>', html, re.S).group(1)
    assert "Opbouwen" in current and "Loopt" in current
    assert "Afgerond" in html and "Nog niet gepland" in html
    assert "bij elke deur aanbellen" in html  # phase 2's purpose


def test_trajectory_page_shows_partners_and_the_building_in_figures(world):
    html = logged_in(world, "director").get(trajectory_url()).content.decode()
    assert "Welzijn Persona" in html and "Afspraak welfare" in html
    assert "Ander Welzijn" not in html  # the other trajectory's partner
    figures = dict(
        (label, int(value))
        for value, label in re.findall(r'vd-figure__value">(\d+)</span> <span class="vd-figure__label">([^<]+)<', html)
    )
    assert figures == {"woningen": 6, "bewoond": 6, "leeg": 0, "logeerwoningen": 1, "dagverblijven": 0}


def test_trajectory_page_links_follow_the_grants(world):
    door_grid = reverse("door-grid", kwargs={"slug": OURS})
    households = reverse("household-list", kwargs={"slug": OURS})
    director = logged_in(world, "director").get(trajectory_url()).content.decode()
    assert f'href="{door_grid}"' in director and f'href="{households}"' in director
    letting = logged_in(world, "letting").get(trajectory_url()).content.decode()
    assert f'href="{door_grid}"' in letting and f'href="{households}"' not in letting
    researcher = logged_in(world, "researcher").get(trajectory_url()).content.decode()
    assert f'href="{door_grid}"' not in researcher and "vd-figure__value" not in researcher


# --- the frame -------------------------------------------------------------------------------


def test_the_frame_shows_the_user_navigation_and_a_post_logout(world):
    html = logged_in(world, "broker").get(trajectory_url()).content.decode()
    assert 'href="#main"' in html and 'id="main"' in html
    assert re.search(rf'<a class="vd-nav__link" href="{trajectory_url()}" aria-current="page">', html)
    assert "Voornaam-broker Persona" in html and "Welzijn Persona" in html
    assert re.search(rf'<form[^>]*action="{reverse("logout")}" method="post"', html)
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert "vendor/htmx.min.js" in html and "voordeur/app.js" in html


def _compiled_messages() -> None:
    """Compile the .po files if a .mo is missing or older (make install does this too)."""
    for po in Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            call_command("compilemessages", locale=[po.parent.parent.name], verbosity=0)


def test_the_language_switch_renders_english(world):
    _compiled_messages()
    client = logged_in(world, "broker")
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("start")})
    assert response.status_code == 302 and response.url == reverse("start")
    html = client.get(reverse("start")).content.decode()
    assert '<html lang="en"' in html
    assert "Your trajectories" in html and "Log out" in html
    assert "Uw trajecten" not in html
    assert 'value="nl"' in html  # and back to Dutch


def _csp_violations(html: str) -> list[str]:
    inline_scripts = [body for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S) if body.strip()]
    return inline_scripts + re.findall(r"\sstyle\s*=", html) + re.findall(r"<style\b", html) + re.findall(
        r"\son[a-z]+\s*=", html
    )


@pytest.mark.parametrize("who", ["broker", "researcher"])
def test_pages_have_no_inline_scripts_or_styles(world, who):
    client = logged_in(world, who)
    pages = [reverse("start"), trajectory_url(), trajectory_url("bestaat-niet")]
    for url in pages:
        html = client.get(url).content.decode()
        assert _csp_violations(html) == [], url
    assert _csp_violations(Client().get(reverse("login")).content.decode()) == []
    assert _csp_violations(render_to_string("500.html")) == []


def test_every_shell_page_view_declares_its_primary_category():
    for pattern in shell_urls.urlpatterns:
        view_class = getattr(getattr(pattern, "callback", None), "view_class", None)
        if view_class is not None:
            assert isinstance(view_class.primary_category, Category), pattern


def test_the_work_table_decides_every_category():
    assert set(WORK) == set(Category)


# --- cost ----------------------------------------------------------------------------------------


def test_start_page_query_count_is_pinned(world, django_assert_max_num_queries):
    client = logged_in(world, "director")
    with django_assert_max_num_queries(8):  # + the complex scope and the overdue promises (tests/referrals)
        assert client.get(reverse("start")).status_code == 200


def test_trajectory_page_query_count_is_pinned(world, django_assert_max_num_queries):
    client = logged_in(world, "director")
    with django_assert_max_num_queries(10):
        assert client.get(trajectory_url()).status_code == 200
