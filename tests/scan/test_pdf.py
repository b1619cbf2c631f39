"""The scan and feedback PDFs: WeasyPrint output, in Dutch, with the page's content for the
role that prints it, audited as an export — and, for every persona, free of any value of a
category it may not see (checked on the PDF's HTML source, as its text is compressed)."""

import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, translation

from tests.access.expect import forbidden_values
from tests.auth import login_verified
from tests.personas import OURS, World, grant_level, who_all
from tests.scan.flat import add_arrears, add_visit, build_flat
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.lib.dates import today

pytestmark = pytest.mark.django_db


class Recorder:
    """Stands in for weasyprint.HTML where only the HTML source is under test."""

    sources: list[str] = []

    def __init__(self, string: str, **_kwargs) -> None:
        Recorder.sources.append(string)

    def render(self):
        return self

    pages = [object()]

    def write_pdf(self) -> bytes:
        return b"%PDF-1.7 recorded"


@pytest.fixture
def recorded(monkeypatch) -> list[str]:
    Recorder.sources = []
    monkeypatch.setattr("weasyprint.HTML", Recorder)
    return Recorder.sources


def _client(flat, role):
    client = Client()
    login_verified(client, flat.user(role))
    return client


def _pdf_text(content: bytes) -> str | None:
    """The PDF's text with poppler's pdftotext, where installed (it is not a dependency)."""
    if shutil.which("pdftotext") is None:
        return None
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()


def test_the_scan_pdf_is_a_real_pdf_in_dutch_and_its_print_is_audited() -> None:
    flat = build_flat(homes={"A": 3, "B": 9}, fill=True)
    add_arrears(flat, flat.households["B"][1], months=4, amount="1999.99")
    client = _client(flat, "director")
    client.cookies["django_language"] = "en"  # the user reads English pages; the report is Dutch
    before = AuditEvent.objects.count()
    response = client.get(reverse("scan-pdf", kwargs={"slug": flat.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and "no-store" in response["Cache-Control"]
    assert f"complexscan-{flat.slug}-{today().isoformat()}.pdf" in response["Content-Disposition"]
    events = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq"))
    assert [(e.action, e.category) for e in events] == [("aggregate", "arrears"), ("export", "places")]
    export = events[1]
    assert export.detail["report"] == "scan" and "arrears" in export.detail["measures"]
    assert export.detail["pages"] >= 2 and export.trajectory_id == flat.trajectory.pk
    text = _pdf_text(response.content)
    if text is not None:
        assert "Complexscan" in text and flat.trajectory.name in text and "Bewoning" in text
        assert "Cellen van 1–4 huishoudens zijn onderdrukt" in text
        assert "Wie moet er aan tafel?" in text and "Huishoudens met huurachterstand" in text
        assert "1999" not in text


def test_the_pdf_has_what_the_page_has_for_the_role_that_prints_it(recorded) -> None:
    flat = build_flat(homes={"A": 3, "B": 9}, fill=True)
    client = _client(flat, "contractor")
    client.cookies["django_language"] = "en"
    assert "Occupancy" in client.get(reverse("scan", kwargs={"slug": flat.slug})).content.decode()
    client.get(reverse("scan-pdf", kwargs={"slug": flat.slug}))
    [source] = recorded
    assert "Bewoning" in source and "Occupancy" not in source  # the report is Dutch, labels included
    with translation.override("nl"):
        with_dutch_dates = formats.date_format(today(), "j F Y")
    assert '<html lang="nl">' in source and with_dutch_dates in source and flat.trajectory.name in source
    assert "Cellen van 1–4 huishoudens zijn onderdrukt" in source
    assert 'id="vd-repairs"' in source and "Open reparatieverzoeken in woningen" in source
    assert 'id="vd-arrears"' not in source and "huurachterstand" not in source.lower()
    assert "<svg" in source and "<desc" in source and "<script" not in source


def test_the_feedback_pdf_follows_the_period_and_has_counts_only(recorded) -> None:
    flat = build_flat(homes={"A": 6})
    for household in flat.households["A"]:
        visit = add_visit(flat, household.unit, household=household, outcome="talked", themes=["loneliness"],
                          days_ago=40)
        visit.summary = "VERTROUWELIJK gesprek"
        visit.save(update_fields=["summary"])
    client = _client(flat, "broker")
    before = AuditEvent.objects.count()
    response = client.get(reverse("feedback-pdf", kwargs={"slug": flat.slug}), {"van": "2020-01-01"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    [source] = recorded
    assert "Terugkoppeling huisbezoeken" in source and "van 1 januari 2020 tot en met" in source
    assert "Eenzaamheid" in source and "VERTROUWELIJK" not in source
    [export] = AuditEvent.objects.filter(seq__gt=before, action="export")
    assert export.category == "visits" and export.detail["start"] == "2020-01-01"
    assert export.detail["measures"] == ["visit_themes", "reach"]


def test_the_feedback_page_links_its_pdf_with_the_same_period() -> None:
    flat = build_flat(homes={"A": 2})
    html = _client(flat, "director").get(reverse("feedback", kwargs={"slug": flat.slug}),
                                         {"van": "2026-01-01", "tot": "2026-02-01"}).content.decode()
    assert f'href="{reverse("feedback-pdf", kwargs={"slug": flat.slug})}?van=2026-01-01&amp;tot=2026-02-01"' in html


@pytest.mark.parametrize("who", who_all())
def test_no_pdf_shows_a_value_the_persona_may_not_see(world: World, recorded, who: str) -> None:
    client = Client()
    login_verified(client, world.user(who))
    for name, category in (("scan-pdf", Category.PLACES), ("feedback-pdf", Category.VISITS)):
        response = client.get(reverse(name, kwargs={"slug": OURS}))
        opens = grant_level(who, category).counts and OURS in world.member_of(who)
        assert response.status_code == (200 if opens else 404), name
    assert len(recorded) == sum(1 for c in (Category.PLACES, Category.VISITS)
                                if grant_level(who, c).counts and OURS in world.member_of(who))
    for source in recorded:
        for value, why in forbidden_values(world, who).items():
            assert value not in source, f"{who} sees {why} in a PDF"
