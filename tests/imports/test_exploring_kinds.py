"""`voordeur import arrears|repairs|caseload`: provenance on every record (source, date of
the data, legal basis, import run), arrears encrypted at rest, re-imports change nothing."""

import datetime as dt

import pytest
from django.db import connection

from tests.imports.conftest import csv
from voordeur.audit.models import AuditEvent
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.imports.models import ImportRun
from voordeur.imports.registry import ImportRequest
from voordeur.lib.dates import today

pytestmark = pytest.mark.django_db


def imported(model):
    """Records written by an import (the persona world has some of its own)."""
    return model.objects.filter(import_run__isnull=False)

ARREARS = csv("tenancy_id;amount;months;last_reminder;date",
              "T-ons-002;412,50;2;01-02-2026;",
              "T-ons-005;1250;5;;2026-03-01")


def arrears_rows() -> list[tuple]:
    return [(a.tenancy.tenancy_id, a.amount, a.months, a.last_reminder, a.received_on, a.version)
            for a in imported(Arrears).select_related("tenancy").order_by("tenancy__tenancy_id")]


def test_arrears_are_imported_encrypted_with_their_provenance(world, run):
    outcome = run("arrears", ARREARS, "--date", "2026-03-02")
    assert outcome.ok, outcome.err
    assert arrears_rows() == [("T-ons-002", "412.50", 2, "2026-02-01", dt.date(2026, 3, 2), 1),
                              ("T-ons-005", "1250.00", 5, None, dt.date(2026, 3, 1), 1)]
    first = Arrears.objects.get(tenancy__tenancy_id="T-ons-002")
    run_row = ImportRun.objects.get(kind="arrears")
    assert first.household_id == world.households["h2"] and first.import_run == run_row
    assert (first.source_partner_id, first.legal_basis) == (world.partners["corp"], "convenant vroegsignalering")
    assert (run_row.received_on, run_row.legal_basis) == (dt.date(2026, 3, 2), "convenant vroegsignalering")
    with connection.cursor() as cursor:
        cursor.execute("SELECT amount, months, last_reminder FROM exploring_arrears WHERE import_run_id IS NOT NULL")
        stored = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "412" not in stored and "1250" not in stored and "2026-02-01" not in stored
    assert stored.count("fernet:") == 5  # a missing last reminder is NULL
    event = AuditEvent.objects.filter(action="import").latest("seq")
    assert event.category == "arrears" and event.purpose == "convenant vroegsignalering"
    assert "412" not in str(event.detail) and "T-ons" not in str(event.detail)


def test_arrears_twice_change_nothing_and_new_figures_update(world, run):
    assert run("arrears", ARREARS).ok
    before = arrears_rows()
    outcome = run("arrears", ARREARS)
    assert "2 rows, 0 new, 2 already present, 0 updated" in outcome.out and arrears_rows() == before
    outcome = run("arrears", ARREARS.replace("412,50;2", "500.00;3"))
    assert "0 new, 1 already present, 1 updated" in outcome.out
    assert arrears_rows()[0][1:3] == ("500.00", 3) and arrears_rows()[0][5] == 2
    # another source keeps its own record for the same tenancy
    outcome = run("arrears", ARREARS, "--source", "p-debt", "--legal-basis", "Wet gemeentelijke schuldhulpverlening")
    assert "2 new" in outcome.out and imported(Arrears).count() == 4


def test_arrears_rules(world, run):
    content = csv("tenancy_id,amount,months,last_reminder",
                  "T-ons-001,12.345,2,",
                  "T-ons-001,-5,x,2099-01-01",
                  "T-and-009,1e3,601,31-02-2026",
                  "T-onbekend,10,1,")
    outcome = run("arrears", content, "--complex", "akkerflat")
    assert outcome.problems == [
        "2: amount: '12.345' is not an amount in euros (e.g. 412.50)",
        "3: amount: '-5' is not an amount in euros (e.g. 412.50)",
        "3: last_reminder: 2099-01-01 is in the future",
        "3: months: 'x' is not a whole number",
        "3: tenancy_id: tenancy 'T-ons-001' also on line 2",
        "4: amount: '1e3' is not an amount in euros (e.g. 412.50)",
        "4: last_reminder: '31-02-2026' is not a date that exists",
        "4: months: 601 is not between 0 and 600",
        "4: tenancy_id: unknown tenancy 'T-and-009' in this complex",
        "5: tenancy_id: unknown tenancy 'T-onbekend' in this complex",
    ]
    assert not imported(Arrears).exists()
    outcome = run("arrears", csv("tenancy_id,amount,months,last_reminder", "T-and-009,10,1,"), "--complex",
                  "akkerflat")
    assert outcome.problems == ["2: tenancy_id: unknown tenancy 'T-and-009' in this complex"]


def test_a_dry_run_of_arrears_that_compares_stored_figures_is_an_audited_read(world, run):
    assert run("arrears", ARREARS).ok
    reads = AuditEvent.objects.filter(action="read", category="arrears").count()
    outcome = run("arrears", ARREARS, "--dry-run")
    assert outcome.ok and "2 already present" in outcome.out
    assert AuditEvent.objects.filter(action="read", category="arrears").count() == reads + 1


REPAIRS = csv("external_id,unit_id,portiek,kind,reported,status",
              "M-1,AK-001,,Leak,2026-01-05,open",
              "M-2,,B,lift,05-01-2026,in_progress",
              "M-3,,,cleaning,2026-01-06,done")


def test_repairs_for_units_stairwells_and_the_whole_complex(world, run):
    outcome = run("repairs", REPAIRS, "--complex", "akkerflat")
    assert outcome.ok, outcome.err
    rows = {r.external_id: r for r in imported(Repair).select_related("unit", "portiek")}
    assert (rows["M-1"].unit.unit_id, rows["M-1"].portiek.code, rows["M-1"].kind) == ("AK-001", "A", "leak")
    assert (rows["M-2"].unit, rows["M-2"].portiek.code, rows["M-2"].status) == (None, "B", "in_progress")
    assert (rows["M-3"].unit, rows["M-3"].portiek, rows["M-3"].complex.slug) == (None, None, "akkerflat")
    assert {r.source_partner_id for r in rows.values()} == {world.partners["corp"]}
    assert run("repairs", REPAIRS, "--complex", "akkerflat").out.count("0 new, 3 already present, 0 updated") == 1
    outcome = run("repairs", REPAIRS.replace("M-1,AK-001,,Leak,2026-01-05,open", "M-1,AK-001,,leak,2026-01-05,done"),
                  "--complex", "akkerflat")
    assert "1 updated" in outcome.out and Repair.objects.get(external_id="M-1").status == "done"


def test_repairs_rules(world, run):
    future = (today() + dt.timedelta(days=2)).isoformat()
    content = csv("external_id,unit_id,portiek,kind,reported,status",
                  "M-1,AK-001,B,leak,2026-01-05,open",
                  "M-1,AK-999,,flood,2026-01-05,gone",
                  ",,Z,lift,2026-01-05,open",
                  f"M-4,AN-001,,lift,{future},open")
    outcome = run("repairs", content, "--complex", "akkerflat")
    assert outcome.problems == [
        "2: portiek: unit 'AK-001' is in portiek 'A', not 'B'",
        "3: external_id: report 'M-1' also on line 2",
        "3: kind: unknown value 'flood' (leak, mould, heating, electrical, doors_locks, lift, pests, nuisance, "
        "cleaning, other)",
        "3: status: unknown value 'gone' (open, in_progress, done, cancelled)",
        "3: unit_id: unknown unit 'AK-999' in this complex",
        "4: external_id: a value is required",
        "4: portiek: unknown portiek 'Z' in this complex",
        f"5: reported: {future} is in the future",
        "5: unit_id: unknown unit 'AN-001' in this complex",
    ]
    outcome = run("repairs", csv("external_id,unit_id,portiek,kind,reported,status", "M-5,,Z,lift,2026-01-05,open",
                                 "M-6,AN-001,,lift,2026-01-05,open"), "--complex", "akkerflat")
    assert outcome.problems == ["2: portiek: unknown portiek 'Z' in this complex",
                                "3: unit_id: unknown unit 'AN-001' in this complex"]
    outcome = run("repairs", csv("external_id,unit_id,kind,reported,status", "M-7,,lift,2026-01-05,open"))
    assert outcome.problems == ["2: complex: a value is required for a common area (or give --complex)"]
    assert not imported(Repair).exists()


CASELOAD = csv("tenancy_id,unit_id,partner,since,active",
               "T-ons-001,,p-muni,2025-06-01,ja",
               ",AK-002,p-debt,,",
               "T-ons-003,AK-003,p-welfare,,nee")


def test_caseload_by_tenancy_or_unit(world, run):
    outcome = run("caseload", CASELOAD, "--source", "p-nbh")
    assert outcome.ok, outcome.err
    rows = {(c.household_id, c.partner_id): c for c in imported(Caseload)}
    first = rows[(world.households["h1"], world.partners["muni"])]
    assert (first.since, first.active, first.legal_basis) == (dt.date(2025, 6, 1), True, "convenant sociaal renoveren")
    assert first.source_partner_id == world.partners["nbh"]
    assert rows[(world.households["h2"], world.partners["debt"])].active is True
    assert rows[(world.households["h3"], world.partners["welfare"])].active is False
    outcome = run("caseload", CASELOAD, "--source", "p-nbh")
    assert "3 rows, 0 new, 3 already present, 0 updated" in outcome.out
    outcome = run("caseload", CASELOAD.replace("p-welfare,,nee", "p-welfare,,ja"), "--source", "p-nbh")
    assert "1 updated" in outcome.out


def test_caseload_rules(world, run):
    content = csv("tenancy_id,unit_id,partner,since,active",
                  ",,p-nbh,,",
                  "T-ons-001,AK-002,p-nbh,,",
                  ",AK-007,p-nbh,,",
                  "T-ons-004,,niemand,,misschien",
                  "T-ons-005,,p-nbh,,",
                  ",AK-005,p-nbh,,")
    outcome = run("caseload", content, "--complex", "akkerflat")
    assert outcome.problems == [
        "2: tenancy_id: a tenancy_id or a unit_id is required",
        "3: unit_id: tenancy 'T-ons-001' is not at unit 'AK-002'",
        f"4: unit_id: no tenancy active on {today().isoformat()} at unit 'AK-007' in this complex",
        "5: active: 'misschien' is not yes or no (ja/nee, yes/no, 1/0)",
        "7: partner: the same household and organisation also on line 6",
    ]
    outcome = run("caseload", csv("unit_id,partner", "AK-001,niemand"))
    assert outcome.problems == ["2: partner: there is no organisation 'niemand'"]
    outcome = run("caseload", csv("partner,since", "p-nbh,"))
    assert outcome.problems == ["1: -: the file needs a tenancy_id or a unit_id column"]
    assert not imported(Caseload).exists()


def test_an_own_write_role_imports_only_its_own_caseload(world):
    from voordeur.exploring.importers.caseload import import_caseload

    request = ImportRequest(kind="caseload", filename="c.csv", data=CASELOAD.encode(), by=world.user("nbh_team"),
                            complex_slug="akkerflat", source="p-nbh")
    result = import_caseload(request)
    assert [p.format("c.csv") for p in result.problems] == [
        "c.csv:2: partner: your role may import only your own organisation's caseload",
        "c.csv:3: partner: your role may import only your own organisation's caseload",
        "c.csv:4: partner: your role may import only your own organisation's caseload",
    ]
    own = ImportRequest(kind="caseload", filename="c.csv", data=csv("tenancy_id,partner", "T-ons-002,p-nbh").encode(),
                        by=world.user("nbh_team"), complex_slug="akkerflat", source="p-nbh")
    result = import_caseload(own)
    assert result.ok and result.created == 1
    assert ImportRun.objects.get(kind="caseload").by_id == world.users["nbh_team"]
