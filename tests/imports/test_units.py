"""`voordeur import units`: complexes and portieken created as needed, units upserted by
unit_id, every bad row named, the same file twice changes nothing."""

import pytest

from tests.imports.conftest import csv
from voordeur.audit.models import AuditEvent
from voordeur.imports.models import ImportRun
from voordeur.places.models import Complex, Portiek, Unit

pytestmark = pytest.mark.django_db

HEADER = "complex,unit_id,street,number,letter,addition,postcode,city,portiek,floor,bag_id,kind"
GOOD = csv(
    HEADER,
    "nieuwflat,NF-001,Nieuwstraat,1,,,3511ab,Utrecht,A,0,0344010000123456,",
    "nieuwflat,NF-002,Nieuwstraat,2,B,bis,3511 AB,Utrecht,A,1,,guest_home",
    "nieuwflat,NF-003,Nieuwstraat,3,,,3511 AB,Utrecht,B,1,,day_room",
)


def snapshot() -> list[tuple]:
    return list(Unit.objects.order_by("unit_id").values_list("unit_id", "street", "number", "letter", "addition",
                                                             "postcode", "floor", "bag_id", "kind", "portiek__code",
                                                             "version", "updated_at"))


def test_a_new_complex_with_its_portieken_and_units(world, run):
    outcome = run("units", GOOD, "--source", "p-corp")
    assert outcome.ok, outcome.err
    assert "3 rows, 3 new, 0 already present, 0 updated" in outcome.out
    flat = Complex.objects.get(slug="nieuwflat")
    assert flat.corporation_id == world.partners["corp"] and flat.city == "Utrecht"
    assert sorted(Portiek.objects.filter(complex=flat).values_list("code", flat=True)) == ["A", "B"]
    first, second, third = Unit.objects.filter(complex=flat).order_by("unit_id")
    assert (first.postcode, first.bag_id, first.kind, first.portiek.code) == ("3511 AB", "0344010000123456", "home", "A")
    assert (second.letter, second.addition, second.kind, second.floor) == ("B", "bis", "guest_home", 1)
    assert third.kind == "day_room"
    run_row = ImportRun.objects.get(kind="units")
    assert (run_row.complex, run_row.source_partner_id, run_row.legal_basis) == (flat, world.partners["corp"],
                                                                                "huurovereenkomst")
    assert (run_row.rows, run_row.created, run_row.updated, run_row.unchanged) == (3, 3, 0, 0)
    event = AuditEvent.objects.filter(action="import").latest("seq")
    assert event.category == "places" and event.detail["source"] == "p-corp" and event.detail["created"] == 3
    assert event.actor.startswith("system:")


def test_the_same_file_twice_changes_nothing(world, run):
    assert run("units", GOOD, "--source", "p-corp").ok
    before, events = snapshot(), AuditEvent.objects.filter(action="import").count()
    outcome = run("units", GOOD)  # the complex exists now: its corporation is the default source
    assert outcome.ok, outcome.err
    assert "3 rows, 0 new, 3 already present, 0 updated" in outcome.out
    assert snapshot() == before
    assert Portiek.objects.filter(complex__slug="nieuwflat").count() == 2
    event = AuditEvent.objects.filter(action="import").latest("seq")
    assert AuditEvent.objects.filter(action="import").count() == events + 1
    assert (event.detail["unchanged"], event.detail["created"], event.detail["updated"]) == (3, 0, 0)


def test_changed_values_update_the_unit(world, run):
    assert run("units", GOOD, "--source", "p-corp").ok
    changed = GOOD.replace("nieuwflat,NF-003,Nieuwstraat,3,,,3511 AB,Utrecht,B,1,,day_room",
                           "nieuwflat,NF-003,Nieuwstraat,3,,,3511 AB,Utrecht,C,2,,day_room")
    outcome = run("units", changed)
    assert "0 new, 2 already present, 1 updated" in outcome.out
    unit = Unit.objects.get(unit_id="NF-003")
    assert (unit.floor, unit.portiek.code, unit.version) == (2, "C", 2)


def test_complex_column_may_come_from_the_option(world, run):
    content = csv("unit_id,street,number,letter,addition,postcode,city,portiek,floor,bag_id",
                  "AK-101,Akkerstraat,101,,,3500 AA,Utrecht,A,3,")
    outcome = run("units", content, "--complex", "akkerflat")
    assert outcome.ok, outcome.err
    assert Unit.objects.get(unit_id="AK-101").complex.slug == "akkerflat"
    assert ImportRun.objects.get(kind="units").source_partner_id == world.partners["corp"]


def test_every_bad_row_is_named_and_nothing_is_written(world, run):
    content = csv(
        HEADER,
        "nieuwflat,NF-001,Nieuwstraat,1,,,3511 AB,Utrecht,A,0,,",
        "nieuwflat,NF-001,Nieuwstraat,2,,,3511 AB,Utrecht,A,0,,",
        "nieuwflat,NF-003,,x,AB,,35110 AB,,A,zero,12345,villa",
        "niet een slug!,NF-004,Nieuwstraat,4,,,3511 AB,Utrecht,,0,,",
        "anderflat,AK-001,Akkerstraat,11,,,3500 AA,Utrecht,A,0,,",
        ",NF-006,Nieuwstraat,0,,,3511 AB,Utrecht,A,300,,",
    )
    before = snapshot()
    outcome = run("units", content, "--source", "p-corp")
    assert not outcome.ok
    assert outcome.problems == [  # sorted by line, then column
        "3: unit_id: unit 'NF-001' also on line 2",
        "4: bag_id: '12345' is not 16 digits",
        "4: city: a value is required",
        "4: floor: 'zero' is not a whole number",
        "4: kind: unknown value 'villa' (home, guest_home, day_room, other)",
        "4: letter: 'AB' is not one letter",
        "4: number: 'x' is not a whole number",
        "4: postcode: '35110 AB' is not a postcode (1234 AB)",
        "4: street: a value is required",
        "5: complex: 'niet een slug!' is not a slug (letters, digits, - and _)",
        "5: portiek: a value is required",
        "6: unit_id: unit 'AK-001' is already used outside this complex",
        "7: complex: a value is required (or give --complex)",
        "7: floor: 300 is not between -5 and 200",
        "7: number: 0 is not between 1 and 99999",
    ]
    assert snapshot() == before and not Complex.objects.filter(slug="nieuwflat").exists()
    assert not ImportRun.objects.exists()


def test_a_new_complex_needs_a_corporation_as_source(world, run):
    outcome = run("units", GOOD)
    assert outcome.problems == ["2: complex: complex 'nieuwflat' does not exist: give --source with the housing "
                                "corporation to create it"]
    outcome = run("units", GOOD, "--source", "p-welfare")
    assert outcome.problems == ["2: complex: complex 'nieuwflat' does not exist and 'p-welfare' is not a housing "
                                "corporation to create it for"]
    assert not Complex.objects.filter(slug="nieuwflat").exists()


def test_missing_columns_and_unknown_source_are_rejected(world, run):
    outcome = run("units", csv("complex,unit_id,street", "nieuwflat,NF-1,X"))
    assert outcome.problems[:2] == ["1: addition: the column is missing", "1: bag_id: the column is missing"]
    outcome = run("units", GOOD, "--source", "nobody")
    assert not outcome.ok and "there is no organisation 'nobody'" in outcome.message


def test_dry_run_reports_and_writes_nothing(world, run):
    outcome = run("units", GOOD, "--source", "p-corp", "--dry-run")
    assert outcome.ok and "3 new" in outcome.out and "dry run" in outcome.out
    assert not Complex.objects.filter(slug="nieuwflat").exists() and not ImportRun.objects.exists()
