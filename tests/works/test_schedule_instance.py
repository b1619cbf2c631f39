"""Reading instances: good input becomes dataclasses, bad input names its field."""

import copy
import datetime as dt
import json

import pytest

from voordeur.works.schedule.instance import InstanceError, load_instance, parse_instance

INSTANCE = {
    "complex": "nigerdreef",
    "start_date": "2027-03-01",
    "non_working_dates": ["2027-04-27", "2027-05-05"],
    "work_days": 20,
    "max_units_in_work": 12,
    "max_starts_per_day": 2,
    "riser_window_days": 2,
    "guest_homes": ["G1", "G2", "G3"],
    "guest_home_buffer_days": 1,
    "day_room_capacity": 6,
    "units": [
        {
            "id": "ND-A-01-1", "portiek": "A", "floor": 1, "riser": "A-1",
            "occupied": True, "work_days": 22,
            "needs_guest_home": False, "wants_guest_home": True, "priority": 2,
            "home_during_day": True,
            "unavailable": [["2027-05-03", "2027-05-14"]],
            "fixed_start_date": None,
        },
        {"id": "ND-A-02-1"},
        {"id": "ND-A-03-1", "occupied": False, "needs_guest_home": True},
        {"id": "ND-A-04-1", "fixed_start_date": "2027-03-08"},
    ],
}


def test_a_good_instance_is_read_with_defaults():
    instance = parse_instance(INSTANCE)
    first, plain, vacant, promised = instance.units
    assert first.work_days == 22 and first.priority == 2 and first.has_wish
    assert first.unavailable == ((dt.date(2027, 5, 3), dt.date(2027, 5, 14)),)
    assert plain.work_days == 20 and plain.occupied and not plain.may_get_guest_home
    assert vacant.needs_guest_home and not vacant.must_get_guest_home  # vacant: ignored
    assert promised.fixed_start_day == 5
    assert instance.guest_homes == ("G1", "G2", "G3")
    assert instance.calendar.day0 == dt.date(2027, 3, 1)


def broken(path: str, value: object) -> dict:
    """INSTANCE with the value at a dotted path replaced (or removed for ...)."""
    data = copy.deepcopy(INSTANCE)
    *parents, last = path.split(".")
    target = data
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is ...:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("units.3.fixed_start_date", "2027-03-06",
         "units[3].fixed_start_date: 2027-03-06 is not a working day"),
        ("units.3.fixed_start_date", "2027-04-27",
         "units[3].fixed_start_date: 2027-04-27 is not a working day"),
        ("units.3.fixed_start_date", "2027-02-26",
         "units[3].fixed_start_date: 2027-02-26 is before day 0"),
        ("units.3.fixed_start_date", "8 March",
         "units[3].fixed_start_date: '8 March' is not a date"),
        ("units.1.id", "ND-A-01-1", "units[1].id: duplicate id 'ND-A-01-1'"),
        ("units.1.id", "", "units[1].id: must be a non-empty string"),
        ("units.1.occupied", "yes", "units[1].occupied: must be true or false"),
        ("units.1.work_days", -3, "units[1].work_days: must be at least 1"),
        ("units.1.work_days", 2.5, "units[1].work_days: must be an integer"),
        ("units.1.priority", -1, "units[1].priority: must be at least 0"),
        ("units.0.unavailable", [["2027-05-14", "2027-05-03"]], "units[0].unavailable[0]: ends"),
        ("units.0.unavailable", [["2027-05-14"]],
         "units[0].unavailable[0]: must be a [first, last]"),
        ("units.0.floor", "one", "units[0].floor: must be an integer"),
        ("units.2", "ND-A-03-1", "units[2]: must be an object"),
        ("units", [], "units: must not be empty"),
        ("start_date", ..., "start_date: missing"),
        ("start_date", "2027-02-30", "start_date: '2027-02-30' is not a date"),
        ("non_working_dates.1", "5 mei", "non_working_dates[1]: '5 mei' is not a date"),
        ("max_units_in_work", 0, "max_units_in_work: must be at least 1"),
        ("max_starts_per_day", True, "max_starts_per_day: must be an integer"),
        ("riser_window_days", -1, "riser_window_days: must be at least 0"),
        ("day_room_capacity", ..., "day_room_capacity: missing"),
        ("guest_home_buffer_days", -1, "guest_home_buffer_days: must be at least 0"),
        ("guest_homes", ["G1", "G1"], "guest_homes[1]: duplicate guest home 'G1'"),
        ("guest_homes", "G1", "guest_homes: must be a list"),
    ],
)
def test_bad_input_names_the_field(path, value, message):
    with pytest.raises(InstanceError) as raised:
        parse_instance(broken(path, value))
    assert str(raised.value).startswith(message)


def test_a_file_error_names_the_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(broken("units.3.fixed_start_date", "2027-03-06")))
    with pytest.raises(InstanceError, match=r"instance\.json: units\[3\]\.fixed_start_date"):
        load_instance(path)
    path.write_text("{not json")
    with pytest.raises(InstanceError, match=r"instance\.json: not valid JSON"):
        load_instance(path)
    with pytest.raises(InstanceError, match="cannot read"):
        load_instance(tmp_path / "missing.json")


def test_unknown_keys_are_carried_along_without_complaint():
    data = broken("units.1.bag_id", "0363010000123456")
    assert parse_instance(data).units[1].id == "ND-A-02-1"
