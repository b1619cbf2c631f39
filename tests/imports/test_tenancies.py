"""`voordeur import tenancies`: households, tenancies and tenants from the corporation's file;
one active tenancy per unit on any date (in the file and against the database)."""

import pytest

from tests.imports.conftest import csv
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household, Person, Tenancy
from voordeur.imports.models import ImportRun

pytestmark = pytest.mark.django_db

HEADER = "unit_id,tenancy_id,start_date,end_date,name,phone,email,language"
# AK-007 (a guest home) has no tenancy; T-ons-006 at AK-006 runs since 2015-01-06.
GOOD = csv(
    HEADER,
    "AK-007,T-new-7,2020-03-01,2021-02-28,Fam. Nieuw-Een,030-1234567,een@example.org,ber",
    "AK-007,T-new-8,2021-03-01,,Fam. Nieuw-Twee,,,TR",
    "AK-006,T-ons-006,2015-01-06,2023-12-31,Fam. Akkerwinde-6,+31 6 4711 0006,huishouden6@persona.example,tr",
)


def snapshot() -> list[tuple]:
    return [
        *Tenancy.objects.order_by("tenancy_id").values_list("tenancy_id", "unit__unit_id", "start_date", "end_date",
                                                            "household_id", "version"),
        *Household.objects.order_by("pk").values_list("pk", "name", "phone", "email", "language", "version"),
        *Person.objects.order_by("pk").values_list("pk", "household_id", "name", "relation"),
    ]


def test_new_tenancies_create_households_and_tenants_and_known_ones_update(world, run):
    outcome = run("tenancies", GOOD)
    assert outcome.ok, outcome.err
    assert "3 rows, 2 new, 0 already present, 1 updated" in outcome.out
    first = Tenancy.objects.get(tenancy_id="T-new-7")
    assert (first.unit.unit_id, str(first.start_date), str(first.end_date)) == ("AK-007", "2020-03-01", "2021-02-28")
    household = first.household
    assert (household.name, household.phone, household.email, household.language) == (
        "Fam. Nieuw-Een", "030-1234567", "een@example.org", "ber")
    assert list(household.people.values_list("name", "relation")) == [("Fam. Nieuw-Een", "tenant")]
    assert Tenancy.objects.get(tenancy_id="T-new-8").household.language == "tr"
    ended = Tenancy.objects.get(tenancy_id="T-ons-006")
    assert str(ended.end_date) == "2023-12-31" and ended.version == 2
    assert ended.household.people.count() == 2  # people are never added to a household that has them
    run_row = ImportRun.objects.get(kind="tenancies")
    assert (run_row.rows, run_row.created, run_row.updated, run_row.unchanged) == (3, 2, 1, 0)
    assert run_row.complex.slug == "akkerflat" and run_row.source_partner_id == world.partners["corp"]
    event = AuditEvent.objects.filter(action="import").latest("seq")
    assert event.category == "household" and event.detail["legal_basis"] == "huurovereenkomst"
    assert "Nieuw" not in str(event.detail) and "030" not in str(event.detail)  # never row values


def test_the_same_file_twice_changes_nothing_and_a_later_file_updates(world, run):
    assert run("tenancies", GOOD).ok
    before = snapshot()
    outcome = run("tenancies", GOOD)
    assert "3 rows, 0 new, 3 already present, 0 updated" in outcome.out
    assert snapshot() == before
    assert AuditEvent.objects.filter(action="import").latest("seq").detail["unchanged"] == 3
    later = GOOD.replace("030-1234567", "030-7654321")
    outcome = run("tenancies", later)
    assert "0 new, 2 already present, 1 updated" in outcome.out
    household = Tenancy.objects.get(tenancy_id="T-new-7").household
    assert household.phone == "030-7654321" and household.version == 2


def test_windows_1252_semicolons_and_dutch_dates(world, run):
    content = ("unit_id;tenancy_id;start_date;end_date;name;phone;email;language;opmerking\r\n"
               "AK-007;T-new-7;01-03-2020;;Fam. Çelik-Ünal;;;tr;één\r\n").encode("cp1252")
    outcome = run("tenancies", content)
    assert outcome.ok, outcome.err
    tenancy = Tenancy.objects.get(tenancy_id="T-new-7")
    assert str(tenancy.start_date) == "2020-03-01" and tenancy.household.name == "Fam. Çelik-Ünal"


def test_overlapping_tenancies_in_the_file(world, run):
    content = csv(HEADER,
                  "AK-007,T-a,2020-01-01,2020-12-31,Fam. A,,,",
                  "AK-007,T-b,2020-12-31,,Fam. B,,,",  # the end date is inclusive: one day of overlap
                  "AK-007,T-c,2019-01-01,2019-12-31,Fam. C,,,")
    outcome = run("tenancies", content)
    assert outcome.problems == ["3: start_date: overlaps tenancy 'T-a' of the same unit (line 2)"]
    assert not Tenancy.objects.filter(unit__unit_id="AK-007").exists()


def test_overlapping_a_recorded_tenancy(world, run):
    content = csv(HEADER, "AK-001,T-x,2020-01-01,,Fam. X,,,", "AK-002,T-y,2010-01-01,2014-12-31,Fam. Y,,,")
    outcome = run("tenancies", content)
    assert outcome.problems == ["2: start_date: overlaps tenancy 'T-ons-001' of the same unit (already recorded)"]
    # ending the recorded tenancy in the same file makes room
    content = csv(HEADER, "AK-001,T-ons-001,2015-01-01,2019-12-31,Fam. Akkerwinde-1,,,tr",
                  "AK-001,T-x,2020-01-01,,Fam. X,,,")
    outcome = run("tenancies", content)
    assert outcome.ok, outcome.err
    assert "1 new, 0 already present, 1 updated" in outcome.out
    # a file's tenancy that starts before a recorded one and never ends overlaps it too
    outcome = run("tenancies", csv(HEADER, "AK-002,T-z,2014-01-01,,Fam. Z,,,"))
    assert outcome.problems == ["2: start_date: overlaps tenancy 'T-ons-002' of the same unit (already recorded)"]


def test_every_rule_names_its_line_and_column(world, run):
    content = csv(
        HEADER,
        "AK-007,T-1,2020-01-01,,Fam. Goed,,,",
        ",T-1,,,,,,",
        "AK-999,T-3,2020-02-30,2019-01-01,Fam. X,abc,geen-mail,xx",
        "AK-007,T-4,2022-01-01,2021-01-01,Fam. Y,,,tur",
        "AN-001,T-ons-001,2020-01-01,,Fam. Z,,,",
        f"AK-007,{'T' * 41},2030-01-01,,{'N' * 201},,,",
    )
    before = snapshot()
    outcome = run("tenancies", content, "--complex", "akkerflat")
    assert outcome.problems == [
        "3: name: a value is required",
        "3: start_date: a date is required",
        "3: tenancy_id: tenancy 'T-1' also on line 2",
        "3: unit_id: a value is required",
        "4: email: not an e-mail address",
        "4: language: 'xx' is not an ISO 639 language code",
        "4: phone: not a phone number (digits, spaces, + - ( ) . /; 6 to 40 characters)",
        "4: start_date: '2020-02-30' is not a date that exists",
        "4: unit_id: unknown unit 'AK-999' in this complex",
        "5: end_date: 2021-01-01 is before the start date 2022-01-01",
        "5: language: 'tur' has a two-letter code: use 'tr'",
        "6: unit_id: unknown unit 'AN-001' in this complex",
        "7: name: longer than 200 characters",
        "7: tenancy_id: longer than 40 characters",
    ]
    assert snapshot() == before and not ImportRun.objects.exists()
    # without --complex the unit exists, but the tenancy belongs to another unit
    outcome = run("tenancies", csv(HEADER, "AN-001,T-ons-001,2015-01-01,,Fam. Z,,,"))
    assert outcome.problems == ["2: tenancy_id: tenancy 'T-ons-001' is recorded for another unit"]


def test_dry_run_counts_without_writing(world, run):
    before = snapshot()
    outcome = run("tenancies", GOOD, "--dry-run")
    assert outcome.ok and "2 new, 0 already present, 1 updated (dry run" in outcome.out
    assert snapshot() == before and not ImportRun.objects.exists()
