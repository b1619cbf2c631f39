"""Works letters: per household its name, address and dates in its language (nl, en), the
guest-home period when it has one, promised dates marked, Dutch plus a flag where no
translation exists; a PDF per household and a batch per stairwell made by the worker; who
may see the page (404) and who may print (403); every print audited as an export."""

import datetime as dt
import re
import zlib

import pytest

from tests.auth import login_verified
from tests.personas import OURS, OUTSIDER, World, grant_level, who_all
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household
from voordeur.jobs import worker
from voordeur.jobs.models import Job
from voordeur.places.models import Unit
from voordeur.trajectories.models import Trajectory
from voordeur.works.letters import render_html
from voordeur.works.models import LetterBatch, PlannedUnit
from voordeur.works.printing import compose_all, letter_rows

pytestmark = pytest.mark.django_db
URL = f"/t/{OURS}/werkzaamheden/brieven/"
READ_ONLY = [who for who in who_all() if who != OUTSIDER and grant_level(who, Category.WORKS).reads
             and not grant_level(who, Category.WORKS).writes]
NO_READ = [who for who in who_all() if not grant_level(who, Category.WORKS).reads] + [OUTSIDER]  # not a member


def _row(world: World, label: str) -> PlannedUnit:
    return PlannedUnit.objects.select_related("unit", "household").get(
        plan_version__trajectory_id=world.trajectories[OURS], household_id=world.households[label])


@pytest.fixture
def letters_world(world: World) -> World:
    """h1 speaks Dutch, h2 English with a guest home and a promised start, h3 Somali (no letter file)."""
    for label, language in (("h1", "nl"), ("h2", "en"), ("h3", "so")):
        Household.objects.filter(pk=world.households[label]).update(language=language)
    guest = Unit.objects.get(unit_id="AK-007")
    PlannedUnit.objects.filter(pk=_row(world, "h2").pk).update(
        guest_home=guest, guest_home_from=dt.date(2027, 3, 1), guest_home_until=dt.date(2027, 3, 5), promised=True)
    return world


def _pdf_pages(content: bytes) -> int:
    """Page objects in a PDF, counted in its plain and its deflated (object) streams."""
    parts = [content]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", part)) for part in parts)


def _letter_html(world: World, who: str, label: str) -> str:
    user = world.user(who)
    trajectory = Trajectory.objects.get(pk=world.trajectories[OURS])
    row = letter_rows(user=user, version=_row(world, label).plan_version).get(household_id=world.households[label])
    return render_html(compose_all(user, trajectory, [row]))


def test_a_dutch_letter_has_the_name_address_and_dates_in_dutch(letters_world: World) -> None:
    row = _row(letters_world, "h1")
    html = _letter_html(letters_world, "reno_lead", "h1")
    assert row.start_date == dt.date(2027, 3, 1) and row.end_date == dt.date(2027, 3, 2)
    for text in ("Beste Fam. Akkerwinde-1,", "Akkerstraat 11", "3500 AA Utrecht", "1 maart 2027", "2 maart 2027",
                 "u blijft thuis wonen", "Voornaam-reno_lead Persona"):
        assert text in html, text
    assert 'lang="nl"' in html and "toegezegd" not in html and "Logeerwoning</th><td>geen" in html


def test_an_english_letter_has_the_guest_home_period_and_marks_the_promised_date(letters_world: World) -> None:
    html = _letter_html(letters_world, "reno_lead", "h2")
    for text in ("Dear Fam. Akkerwinde-2,", "Akkerstraat 12", "2 March 2027 (promised: this date is fixed)",
                 "Akkerstraat 17, from 1 March 2027 until and including 5 March 2027", "What to expect"):
        assert text in html, text
    assert 'lang="en"' in html and "maart" not in html


def test_a_language_without_a_file_gets_the_dutch_letter_and_the_page_flags_it(letters_world: World, client) -> None:
    assert "Beste Fam. Akkerwinde-3," in _letter_html(letters_world, "reno_lead", "h3")
    login_verified(client, letters_world.user("reno_lead"))
    html = client.get(URL).content.decode()
    row_pattern = r"<tr class=\"utrecht-table__row\">\s*<th[^>]*>(Akkerstraat \d+).*?</tr>"
    rows = {m.group(1): m.group(0) for m in re.finditer(row_pattern, html, re.S)}
    assert "tolk nodig — geen vertaling" in rows["Akkerstraat 13"]  # Somali
    assert "tolk nodig — geen vertaling" not in rows["Akkerstraat 11"]  # Dutch
    assert "tolk nodig — geen vertaling" not in rows["Akkerstraat 12"] and "Engels" in rows["Akkerstraat 12"]
    assert set(rows) == {f"Akkerstraat {10 + n}" for n in range(1, 7)}  # the guest home gets no letter


def test_only_households_with_planned_dates_get_letters(letters_world: World, client) -> None:
    PlannedUnit.objects.filter(pk=_row(letters_world, "h4").pk).update(household=None)
    login_verified(client, letters_world.user("reno_lead"))
    html = client.get(URL).content.decode()
    assert "Akkerstraat 13" in html and "Akkerstraat 14" not in html


def test_one_households_pdf_is_printed_and_audited(letters_world: World, client) -> None:
    login_verified(client, letters_world.user("reno_lead"))
    row = _row(letters_world, "h2")
    before = AuditEvent.objects.filter(action="export").count()
    response = client.get(URL, {"brief": row.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="export").order_by("-seq").first()
    assert AuditEvent.objects.filter(action="export").count() == before + 1
    assert event.category == "works" and event.actor == "reno_lead" and event.detail["pages"] == 1


def test_a_stairwell_batch_is_made_by_the_worker_one_page_per_household(letters_world: World, client) -> None:
    login_verified(client, letters_world.user("reno_lead"))
    response = client.post(URL, {"portiek": "A"})
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    progress = client.get(URL + "voortgang/").content.decode()
    assert 'hx-trigger="every 2s"' in progress and "Portiek A" in progress
    job = worker.run_once()
    assert job.pk == batch.job_id and job.status == Job.Status.DONE, job.error
    batch.refresh_from_db()
    assert batch.letters == 3 and batch.pages == 3  # h1, h3, h5 live in portiek A
    progress = client.get(URL + "voortgang/").content.decode()
    assert "hx-trigger" not in progress and f"?batch={batch.pk}" in progress
    response = client.get(URL, {"batch": batch.pk})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert _pdf_pages(response.content) == 3
    assert AuditEvent.objects.filter(action="export", object_type="works.letterbatch",
                                     object_id=str(batch.pk)).count() == 1


def test_a_stairwell_without_letters_starts_no_batch(letters_world: World, client) -> None:
    login_verified(client, letters_world.user("reno_lead"))
    client.post(URL, {"portiek": "Z"})
    assert not LetterBatch.objects.exists()


@pytest.mark.parametrize("who", NO_READ)
def test_roles_without_works_read_get_404(letters_world: World, client, who: str) -> None:
    login_verified(client, letters_world.user(who))
    row = _row(letters_world, "h1")
    assert client.get(URL).status_code == 404
    assert client.get(URL, {"brief": row.pk}).status_code == 404
    assert client.post(URL, {"portiek": "A"}).status_code == 404


@pytest.mark.parametrize("who", READ_ONLY)
def test_read_only_roles_may_not_print(letters_world: World, client, who: str) -> None:
    login_verified(client, letters_world.user(who))
    row = _row(letters_world, "h1")
    page = client.get(URL)
    assert page.status_code == 200 and "?brief=" not in page.content.decode()
    assert client.get(URL, {"brief": row.pk}).status_code == 403
    assert client.get(URL, {"batch": 1}).status_code == 403
    assert client.post(URL, {"portiek": "A"}).status_code == 403
    assert not LetterBatch.objects.exists()


def test_letting_sees_dates_but_no_names_or_languages(letters_world: World, client) -> None:
    login_verified(client, letters_world.user("letting"))  # works read, contact none
    html = client.get(URL).content.decode()
    cells = re.findall(r'data-vd="letter-language">(.*?)</td>', html)
    assert "Akkerstraat 11" in html and "Akkerwinde" not in html and cells == ["–"] * 6


def test_the_trajectory_page_links_the_works_pages_for_readers_only(world: World, client) -> None:
    link = f'href="/t/{OURS}/werkzaamheden/"'
    for who in who_all():
        if who == OUTSIDER:
            continue
        login_verified(client, world.user(who))
        html = client.get(f"/t/{OURS}/").content.decode()
        assert (link in html) == grant_level(who, Category.WORKS).reads, who
    login_verified(client, world.user("reno_lead"))
    assert 'href="/t/ons-traject/werkzaamheden/brieven/"' in client.get(f"/t/{OURS}/werkzaamheden/").content.decode()
