"""The raw counts behind the scan, the feedback report and reach (before suppression)."""

import datetime as dt

import pytest
from django.db import connection

from tests.scan.flat import (
    add_arrears,
    add_household,
    add_repair,
    add_visit,
    build_flat,
)
from voordeur.aggregates.measures import MEASURES
from voordeur.aggregates.period import Period
from voordeur.exploring.models import Caseload, Repair
from voordeur.exploring.reach import NOT_HOME_FEW, NOT_HOME_MANY, NOT_YET, door_status
from voordeur.exploring.scan_counts import (
    COMPLEX_WIDE,
    caseload_columns,
    count_arrears,
    count_caseload,
    count_languages,
    count_open_common_repairs,
    count_open_repairs,
    language_columns,
)
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Unit

pytestmark = pytest.mark.django_db


def test_arrears_are_counted_from_the_encrypted_values_per_household() -> None:
    flat = build_flat(homes={"A": 3, "B": 4})
    a, b = flat.households["A"], flat.households["B"]
    add_arrears(flat, a[0], months=3, amount="1350.00")
    add_arrears(flat, a[1], months=0, amount="12.50")
    add_arrears(flat, a[2], months=0, amount="0.00")  # a record, but no arrears
    add_arrears(flat, b[0], months=1, amount="450.00")
    add_arrears(flat, b[0], months=2, amount="900.00", source="muni")  # a second source: the worst counts
    with connection.cursor() as cursor:
        cursor.execute("SELECT months, amount FROM exploring_arrears")
        stored = cursor.fetchall()
    assert all(m.startswith("fernet:") and a.startswith("fernet:") for m, a in stored)
    assert not any("1350" in a for _m, a in stored)
    assert count_arrears(flat.complex.pk) == {"A": {"2_months_plus": 1, "under_2_months": 1},
                                              "B": {"2_months_plus": 1}}


def test_arrears_of_an_ended_tenancy_do_not_count() -> None:
    flat = build_flat(homes={"A": 2})
    household = flat.households["A"][0]
    add_arrears(flat, household, months=4, amount="1800.00")
    Tenancy.objects.filter(household=household).update(end_date=today() - dt.timedelta(days=1))
    assert count_arrears(flat.complex.pk) == {"A": {}}


def test_languages_are_the_top_five_then_the_rest_then_unknown() -> None:
    flat = build_flat(homes={"A": 1})
    languages = ["nl"] * 5 + ["tr"] * 4 + ["ar"] * 3 + ["so"] * 2 + ["pl"] * 2 + ["ti", "ku", ""]
    units = [Unit.objects.create(complex=flat.complex, portiek=flat.portieken["A"], unit_id=f"L-{i}", floor=1,
                                 street="Taalstraat", number=i + 1, postcode="3563 AA", city="Utrecht")
             for i in range(len(languages))]
    for unit, language in zip(units, languages, strict=True):
        add_household(flat, unit, language=language)
    keys = [key for key, _label in language_columns(flat.complex.pk)]
    assert keys == ["nl", "tr", "ar", "pl", "so", "other", "unknown"]  # ties by code
    assert dict(language_columns(flat.complex.pk))["tr"] == "Turks"
    counts = count_languages(flat.complex.pk)["A"]
    assert counts == {"nl": 6, "tr": 4, "ar": 3, "so": 2, "pl": 2, "other": 2, "unknown": 1}  # + the flat's own nl


def test_open_repairs_by_kind_for_homes_and_for_common_areas() -> None:
    flat = build_flat(homes={"A": 2, "B": 2})
    a0, b0 = flat.homes["A"][0], flat.homes["B"][0]
    add_repair(flat, kind=Repair.Kind.LEAK, unit=a0)
    add_repair(flat, kind=Repair.Kind.LEAK, unit=a0, status=Repair.Status.IN_PROGRESS)
    add_repair(flat, kind=Repair.Kind.MOULD, unit=b0, status=Repair.Status.DONE)  # closed: not counted
    add_repair(flat, kind=Repair.Kind.NUISANCE, portiek="B")
    add_repair(flat, kind=Repair.Kind.LIFT)  # no stairwell: complex-wide
    add_repair(flat, kind=Repair.Kind.CLEANING, portiek="A", status=Repair.Status.CANCELLED)
    assert count_open_repairs(flat.complex.pk) == {"A": {"leak": 2}, "B": {}}
    assert count_open_common_repairs(flat.complex.pk) == {"A": {}, "B": {"nuisance": 1}, COMPLEX_WIDE: {"lift": 1}}


def test_caseload_counts_households_per_organisation_while_it_runs() -> None:
    flat = build_flat(homes={"A": 3, "B": 2})
    nbh, muni = flat.partners["nbh"], flat.partners["muni"]

    def caseload(household, partner, active=True):
        Caseload.objects.create(source_partner=partner, received_on=today(), legal_basis="Wmo", household=household,
                                partner=partner, active=active)

    caseload(flat.households["A"][0], nbh)
    caseload(flat.households["A"][1], nbh)
    caseload(flat.households["A"][1], muni)
    caseload(flat.households["B"][0], muni, active=False)
    assert caseload_columns(flat.complex.pk) == [(muni.slug, muni.name), (nbh.slug, nbh.name)]
    assert count_caseload(flat.complex.pk) == {"A": {nbh.slug: 2, muni.slug: 1}, "B": {}}


@pytest.mark.parametrize(("outcomes", "status"), [
    ([], NOT_YET),
    (["not_home"], NOT_HOME_FEW),
    (["not_home", "not_home"], NOT_HOME_FEW),
    (["not_home", "not_home", "not_home"], NOT_HOME_MANY),
    (["not_home", "refused"], "refused"),
    (["refused", "talked", "not_home"], "talked"),
    (["moved_away", "not_home"], "moved_away"),
    (["moved_away", "refused"], "refused"),
])
def test_a_door_counts_once_with_its_best_outcome(outcomes, status) -> None:
    assert door_status(outcomes) == status


def test_reach_counts_doors_in_the_period() -> None:
    flat = build_flat(homes={"A": 4, "B": 2}, vacant=1)
    a = flat.homes["A"]
    add_visit(flat, a[0], outcome="talked", days_ago=3)
    add_visit(flat, a[0], outcome="not_home", days_ago=20)
    for days in (1, 2, 3):
        add_visit(flat, a[1], outcome="not_home", days_ago=days)
    add_visit(flat, a[2], outcome="refused", days_ago=200)  # before the period
    add_visit(flat, flat.homes["B"][1], outcome="moved_away", days_ago=4)  # the vacant home
    period = Period(start=today() - dt.timedelta(days=30), end=today())
    reach = MEASURES["reach"].tally(flat.complex.pk, period)
    assert reach == {"A": {"talked": 1, "not_home_3_plus": 1, "not_yet": 2}, "B": {"not_yet": 1, "moved_away": 1}}
    everything = MEASURES["reach"].tally(flat.complex.pk, Period(start=None, end=today()))
    assert everything["A"] == {"talked": 1, "not_home_3_plus": 1, "refused": 1, "not_yet": 1}


def test_themes_count_households_once_per_theme_in_the_period() -> None:
    flat = build_flat(homes={"A": 3, "B": 1})
    h0, h1 = flat.households["A"][:2]
    add_visit(flat, h0.unit, household=h0, outcome="talked", themes=["maintenance", "nuisance"])
    add_visit(flat, h0.unit, household=h0, outcome="talked", themes=["maintenance"], days_ago=2)  # same household
    add_visit(flat, h1.unit, household=h1, outcome="talked", themes=["maintenance", "no-such-theme"])
    add_visit(flat, flat.homes["A"][2], outcome="talked", themes=["safety"])  # no household: the door counts
    add_visit(flat, flat.homes["B"][0], outcome="talked", themes=["loneliness"], days_ago=120)  # too long ago
    period = Period(start=today() - dt.timedelta(days=90), end=today())
    counts = MEASURES["visit_themes"].tally(flat.complex.pk, period)
    assert counts == {"A": {"maintenance": 2, "nuisance": 1, "safety": 1}, "B": {}}


def test_age_bands_count_residents_and_household_sizes_households() -> None:
    flat = build_flat(homes={"A": 0})
    year = today().year
    unit = Unit.objects.create(complex=flat.complex, portiek=flat.portieken["A"], unit_id="AGE-1", floor=1,
                               street="Leeftijdstraat", number=1, postcode="3563 AA", city="Utrecht")
    add_household(flat, unit, birth_years=(year - 80, year - 79, year - 17, None, year - 5, year - 30))
    other = Unit.objects.create(complex=flat.complex, portiek=flat.portieken["A"], unit_id="AGE-2", floor=1,
                                street="Leeftijdstraat", number=2, postcode="3563 AA", city="Utrecht")
    add_household(flat, other, birth_years=(year - 50,))
    ages = MEASURES["age_bands"].tally(flat.complex.pk)
    assert ages == {"A": {"80+": 1, "67-79": 1, "50-66": 1, "30-49": 1, "0-17": 2, "unknown": 1}}
    assert [k for k, _l in MEASURES["age_bands"].columns()] == ["0-17", "18-29", "30-49", "50-66", "67-79", "80+",
                                                                 "unknown"]
    assert MEASURES["household_size"].tally(flat.complex.pk) == {"A": {"1": 1, "5+": 1}}
