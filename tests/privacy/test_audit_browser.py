"""The audit-log browser: only the privacy officer opens it; filters, 50 a page newest
first, changed field names but never detail values, the chain check, and an audited CSV."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.auth import login_verified
from tests.personas import OUTSIDER, World, who_all
from tests.privacy.conftest import OFFICER
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent

URL = "/privacy/auditlog/"


def _client(client, world: World, who: str = OFFICER):
    login_verified(client, world.user(who))
    return client


def _seqs(response) -> list[int]:
    return [row["seq"] for row in response.context["rows"]]


def test_the_officer_sees_the_events_newest_first_with_field_names_only(world, client, events) -> None:
    response = _client(client, world).get(URL)
    assert response.status_code == 200
    seqs = _seqs(response)
    assert seqs == sorted(seqs, reverse=True) and len(seqs) == AuditEvent.objects.count()
    html = response.content.decode()
    assert "best_time" in html and "birth_year" in html  # names of changed fields
    for label in ("h1", "h2", "h3"):
        for value in world.values[label].values():
            assert value not in html, value  # details held names and phones: never shown


@pytest.mark.parametrize("who", [w for w in who_all() if w != OFFICER])
def test_everyone_else_gets_404_also_for_the_csv_and_the_check(world, client, events, who: str) -> None:
    c = _client(client, world, who)
    before = AuditEvent.objects.count()  # after the login event
    for params in ({}, {"formaat": "csv"}, {"controleer": "1"}):
        assert c.get(URL, params).status_code == 404
    assert AuditEvent.objects.count() == before  # a refused CSV is not an export


@pytest.mark.parametrize(("params", "expected"), [
    ({"actor": "BROKER"}, lambda e: e.actor == "broker"),
    ({"role": "broker"}, lambda e: e.role == "broker"),
    ({"organisation": "welzijn persona"}, lambda e: e.partner == "Welzijn Persona"),
    ({"action": "update"}, lambda e: e.action == "update"),
    ({"category": "contacts_log"}, lambda e: e.category == "contacts_log"),
    ({"object_type": "households.person"}, lambda e: e.object_type == "households.person"),
    ({"purpose": "AVG-2026"}, lambda e: "AVG-2026" in e.purpose),
])
def test_each_filter_narrows_the_list(world, client, events, params: dict, expected) -> None:
    audit.record(world.user(OFFICER), "subject_export", purpose="AVG-2026-007", object_type="households.household",
                 object_id=world.households["h1"])
    response = _client(client, world).get(URL, params)
    want = sorted((e.seq for e in AuditEvent.objects.all() if expected(e)), reverse=True)
    assert want and _seqs(response) == want


def test_filter_by_record_id_also_finds_reads_of_several_records(world, client, events) -> None:
    pk = world.households["h2"]
    audit.record(world.user("broker"), "read", category="life_domains", object_type="households.household",
                 object_id=f"9990,{pk},9991", detail={"ids": [9990, pk, 9991]})
    audit.record(world.user("broker"), "read", category="life_domains", object_type="households.household",
                 object_id=f"{pk}9", detail={"ids": [int(f"{pk}9")]})  # another record: not a match
    response = _client(client, world).get(URL, {"object_type": "households.household", "object_id": str(pk)})
    found = [AuditEvent.objects.get(seq=seq) for seq in _seqs(response)]
    assert found and all(str(pk) in e.object_id.split(",") for e in found)
    assert any("," in e.object_id for e in found)


def test_the_date_range_is_inclusive_in_local_days(world, client, events) -> None:
    old = audit.record(None, "update", object_type="x.y", object_id=1)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=40))
    today = timezone.localdate()
    response = _client(client, world).get(URL, {"date_from": today.isoformat(), "date_to": today.isoformat()})
    assert old.seq not in _seqs(response) and len(_seqs(response)) == AuditEvent.objects.count() - 1
    day = (today - dt.timedelta(days=40)).isoformat()
    assert _seqs(client.get(URL, {"date_from": day, "date_to": day})) == [old.seq]


def test_a_reversed_date_range_is_an_error_not_a_silent_empty_list(world, client) -> None:
    response = _client(client, world).get(URL, {"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert response.status_code == 200 and response.context["form"].errors


def _many(n: int) -> None:
    for i in range(n):
        audit.record(None, "update", category="contact", object_type="households.household", object_id=i,
                     detail={"fields": ["phone"]})


def test_fifty_a_page(world, client) -> None:
    _many(120)
    c = _client(client, world)
    first, third = c.get(URL, {"category": "contact"}), c.get(URL, {"category": "contact", "pagina": 3})
    assert len(first.context["rows"]) == 50 and len(third.context["rows"]) == 20
    assert first.context["rows"][0]["seq"] == AuditEvent.objects.filter(category="contact").order_by("-seq")[0].seq
    assert 'rel="next"' in first.content.decode()


def _queries(client, n: int) -> int:
    AuditEvent.objects.all().delete()
    from voordeur.audit.models import AuditHead

    AuditHead.objects.all().delete()
    _many(n)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"category": "contact"})
    assert response.status_code == 200 and len(response.context["rows"]) == n
    return len(queries)


# session, user, the second factor's device, the page's count and rows, and the frame's memberships,
# trajectories and organisation
PAGE_MAX_QUERIES = 8


def test_the_page_costs_the_same_for_3_and_30_events(world, client) -> None:
    c = _client(client, world)
    small = _queries(c, 3)
    assert small <= PAGE_MAX_QUERIES
    assert small == _queries(c, 30)


def test_the_chain_check_reports_intact_and_broken(world, client, events) -> None:
    c = _client(client, world)
    response = c.get(URL, {"controleer": "1"})
    assert response.context["checked"]["broken"] is None
    assert "De keten is intact" in response.content.decode()
    tampered = AuditEvent.objects.order_by("seq")[1]
    AuditEvent.objects.filter(pk=tampered.pk).update(purpose="changed afterwards")
    response = c.get(URL, {"controleer": "1"})
    assert response.context["checked"]["broken"].seq == tampered.seq
    assert "verbroken" in response.content.decode()


def test_the_csv_is_the_filtered_list_and_is_itself_audited(world, client, events) -> None:
    c = _client(client, world)
    before = AuditEvent.objects.count()
    response = c.get(URL, {"actor": "broker", "formaat": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = list(AuditEvent.objects.filter(actor="broker").order_by("-seq").values_list("seq", flat=True))
    assert [int(r["seq"]) for r in rows] == expected
    assert {"birth_year", "best_time"} <= {r["changed_fields"] for r in rows}
    for value in world.values["h1"].values():
        assert value not in text
    export = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert (export.action, export.category, export.actor) == ("export", "audit", OFFICER)
    assert export.detail == {"rows": len(expected), "filter_actor": "broker"}


def test_csv_cells_cannot_become_spreadsheet_formulas(world, client) -> None:
    audit.record(world.user("broker"), "export", purpose="=HYPERLINK(\"http://evil\")")
    text = b"".join(_client(client, world).get(URL, {"formaat": "csv"}).streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_the_officer_has_a_menu_entry_and_nobody_else(world, client) -> None:
    for who in who_all():
        html = _client(client, world, who).get("/").content.decode()
        assert (f'href="{URL}"' in html) == (who == OFFICER), who
    assert OUTSIDER in who_all()
