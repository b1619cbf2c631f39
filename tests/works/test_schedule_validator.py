"""The validator catches each kind of broken rule.

A tiny hand-made flat (works of 3 working days from Monday 1 March 2027) and a valid
plan for it; every test breaks exactly one rule and expects only that complaint.
"""

import dataclasses
import datetime as dt

import pytest

from voordeur.works.schedule.instance import parse_instance
from voordeur.works.schedule.plan import INFEASIBLE, build_plan
from voordeur.works.schedule.validator import validate

FLAT = {
    "start_date": "2027-03-01",
    "work_days": 3,
    "max_units_in_work": 2,
    "max_starts_per_day": 1,
    "riser_window_days": 1,
    "guest_homes": ["G1", "G2"],
    "guest_home_buffer_days": 1,
    "day_room_capacity": 1,
    "units": [
        {"id": "A", "riser": "R", "home_during_day": True},
        {"id": "B", "riser": "R"},
        {"id": "C", "needs_guest_home": True},
        {"id": "D", "wants_guest_home": True, "priority": 2, "home_during_day": True},
        {"id": "E", "occupied": False},
        {"id": "F", "wants_guest_home": True, "home_during_day": True,
         "unavailable": [["2027-03-13", "2027-03-14"]]},  # a weekend
    ],
}
# Days 0-4 are 1-5 March, days 5-9 are 8-12 March.
STARTS = {"A": 0, "B": 1, "C": 3, "D": 4, "E": 6, "F": 7}
HOMES = {"C": "G1"}


def flat(**changes):
    data = {**FLAT, **changes}
    return parse_instance(data)


def flat_with_unit(unit_id: str, **fields):
    units = [dict(u, **fields) if u["id"] == unit_id else u for u in FLAT["units"]]
    return flat(units=units)


def plan_for(instance=None, starts=None, homes=None):
    instance = instance or flat()
    return build_plan(
        instance,
        {**STARTS, **(starts or {})},
        {**HOMES, **(homes or {})},
        status="feasible",
        lower_bound_days=None,
        solve_seconds=0.1,
    )


def complaints(instance, plan) -> list[str]:
    return [str(violation) for violation in validate(instance, plan)]


def assert_only(found: list[str], *fragments: str) -> None:
    assert found, "expected a violation"
    for line in found:
        assert any(fragment in line for fragment in fragments), found


def test_the_hand_made_plan_keeps_every_rule():
    plan = plan_for()
    assert complaints(flat(), plan) == []
    assert plan.makespan_days == 10 and plan.end_date == dt.date(2027, 3, 12)
    assert plan.unmet_guest_home_wishes == ("D", "F")


def test_crew_capacity():
    found = complaints(flat(), plan_for(starts={"E": 5}))
    assert found == ["day 5: 3 units in work on 2027-03-08, max_units_in_work is 2"]


def test_starts_per_day():
    assert_only(complaints(flat(), plan_for(starts={"B": 0})), "day 0: 2 units start")


def test_riser_window():
    instance = flat(riser_window_days=0)
    assert_only(complaints(instance, plan_for(instance)), "riser R: starts span days 0..1")


def test_guest_home_only_for_those_who_need_or_want_one():
    assert_only(complaints(flat(), plan_for(homes={"A": "G2"})), "A: has guest home G2 but neither")


def test_a_vacant_home_gets_no_guest_home():
    assert_only(complaints(flat(), plan_for(homes={"E": "G2"})), "E: is vacant")


def test_unknown_guest_home():
    found = complaints(flat(), plan_for(homes={"D": "G9"}))
    assert_only(found, "D: guest home 'G9' is not one of the instance's guest homes")


def test_a_need_is_hard():
    assert_only(complaints(flat(), plan_for(homes={"C": None})), "C: needs a guest home")


def test_stays_overlap_through_the_buffer():
    # F's works start the day after C's end; with one buffer day each side they meet.
    found = complaints(flat(), plan_for(homes={"F": "G1"}))
    assert found == [
        "F: stay in guest home G1 (days 6..10, buffer included) overlaps the stay of C "
        "(days 2..6)"
    ]


def test_day_room_capacity():
    found = complaints(flat(), plan_for(starts={"F": 6, "E": 7}))
    assert found == [
        "day 6: 2 households home during the day without a guest home on 2027-03-09, "
        "day_room_capacity is 1"
    ]


def test_a_guest_home_frees_a_day_room_place():
    assert complaints(flat(), plan_for(starts={"F": 6, "E": 7}, homes={"D": "G2"})) == []


def test_unavailable_span_includes_the_weekend():
    # F on 11, 12 and 15 March spans the weekend of 13-14 March it is away.
    found = complaints(flat(), plan_for(starts={"F": 8}))
    assert_only(found, "F: works 2027-03-11..2027-03-15 overlap an unavailable period")


def test_fixed_start_date():
    instance = flat_with_unit("E", fixed_start_date="2027-03-10")
    assert_only(complaints(instance, plan_for(instance)), "E: starts on 2027-03-09, but fixed")


def test_every_unit_planned_exactly_once():
    plan = plan_for()
    missing = dataclasses.replace(plan, units=plan.units[1:])
    assert complaints(flat(), missing) == ["A: not planned"]
    twice = dataclasses.replace(plan, units=plan.units + plan.units[:1])
    assert complaints(flat(), twice) == ["A: planned 2 times, must be once"]
    stranger = dataclasses.replace(plan.units[0], id="Z")
    unknown = dataclasses.replace(plan, units=plan.units + (stranger,))
    assert complaints(flat(), unknown) == ["Z: not a unit of the instance"]


def test_no_start_before_day_zero():
    found = complaints(flat(), plan_for(starts={"A": -1, "B": 0}))
    assert found == ["A: start_day -1 is before day 0"]


def replace_unit(plan, index, **fields):
    units = list(plan.units)
    units[index] = dataclasses.replace(units[index], **fields)
    return dataclasses.replace(plan, units=tuple(units))


def test_end_day_must_follow_from_the_start():
    plan = replace_unit(plan_for(), 0, end_day=3, end_date=dt.date(2027, 3, 4))
    assert_only(complaints(flat(), plan), "A: end_day 3 should be 2")


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("start_date", dt.date(2027, 3, 2), "A: start_date 2027-03-02 is not the date of day 0"),
        ("end_date", dt.date(2027, 3, 4), "A: end_date 2027-03-04 is not the date of day 2"),
    ],
)
def test_dates_must_match_the_days(field, value, fragment):
    assert_only(complaints(flat(), replace_unit(plan_for(), 0, **{field: value})), fragment)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("makespan_days", 11, "plan: makespan_days is 11, should be 10"),
        ("end_date", dt.date(2027, 3, 15), "plan: end_date is 2027-03-15, should be 2027-03-12"),
        ("lower_bound_days", 12, "plan: lower_bound_days 12 exceeds the makespan 10"),
        ("unmet_guest_home_wishes", ("F",), "D: wanted a guest home, got none"),
        ("unmet_guest_home_wishes", ("A", "D", "F"), "A: listed in unmet_guest_home_wishes"),
        ("status", INFEASIBLE, "plan: status is infeasible"),
    ],
)
def test_plan_summary_must_be_consistent(field, value, fragment):
    plan = dataclasses.replace(plan_for(), **{field: value})
    assert_only(complaints(flat(), plan), fragment)
