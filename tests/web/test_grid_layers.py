"""The door grid's pure core: laying doors out, legends, layer values, languages, age bands.

No database: layers are checked on plain `Door` rows and on a stand-in user (role only).
"""

from types import SimpleNamespace

import pytest
from django.http import Http404
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.access.policy import Category, Role, level
from voordeur.web.doors.ages import age_band
from voordeur.web.doors.grid import Door, LegendEntry, build_grid
from voordeur.web.doors.languages import OTHER, UNKNOWN, language_group, language_name, top_languages
from voordeur.web.doors.layers import (
    LAYERS,
    NO_DATA,
    NO_HOME,
    VACANT,
    _household_value,
    language_legend,
    layer_for,
    layers_for,
    occupancy_value,
    size_value,
)

LEGEND = (
    LegendEntry("a", "A", "vd-c0", "a"),
    LegendEntry("b", "B", "vd-c1", "b"),
    LegendEntry("rare", "Rare", "vd-c-none", "r", hide_when_empty=True),
)


def door(unit_id: int, floor: int, number: int, **kwargs) -> Door:
    return Door(unit_id=unit_id, floor=floor, number=number, street="Dreef", **kwargs)


def user_with(role: Role):
    return SimpleNamespace(is_authenticated=True, is_active=True, role=role.value)


# --- build_grid -----------------------------------------------------------------------------


def test_floors_top_first_and_doors_by_number_within_a_floor():
    doors = [door(1, 0, 12), door(2, 2, 30), door(3, 0, 10), door(4, 2, 28), door(5, 1, 20, letter="B"),
             door(6, 1, 20, letter="A")]
    grid = build_grid(doors, {d.unit_id: "a" for d in doors}, LEGEND)
    assert [row.floor for row in grid.floors] == [2, 1, 0]
    assert [[c.door.house_number for c in row.cells] for row in grid.floors] == [
        ["28", "30"], ["20A", "20B"], ["10", "12"],
    ]
    assert grid.width == 2 and grid.doors == 6


def test_short_floors_are_padded_to_the_grid_width():
    doors = [door(1, 1, 1), door(2, 1, 2), door(3, 1, 3), door(4, 0, 1)]
    grid = build_grid(doors, {d.unit_id: "b" for d in doors}, LEGEND)
    assert [(row.floor, len(row.cells), row.padding) for row in grid.floors] == [(1, 3, 0), (0, 1, 2)]


def test_legend_counts_each_value_and_hides_empty_optional_entries():
    doors = [door(1, 0, 1), door(2, 0, 2), door(3, 0, 3)]
    grid = build_grid(doors, {1: "a", 2: "a", 3: "b"}, LEGEND)
    assert [(item.entry.value, item.count) for item in grid.legend] == [("a", 2), ("b", 1)]
    grid = build_grid(doors, {1: "rare", 2: "rare", 3: "rare"}, LEGEND)
    assert [(item.entry.value, item.count) for item in grid.legend] == [("a", 0), ("b", 0), ("rare", 3)]


def test_links_only_where_given():
    doors = [door(1, 0, 1), door(2, 0, 2)]
    grid = build_grid(doors, {1: "a", 2: "b"}, LEGEND, links={2: 77})
    assert [cell.household_id for cell in grid.floors[0].cells] == [None, 77]


def test_a_value_outside_the_legend_or_a_missing_value_is_an_error():
    with pytest.raises(ValueError, match="not in the legend"):
        build_grid([door(1, 0, 1)], {1: "zzz"}, LEGEND)
    with pytest.raises(ValueError, match="not in the legend"):
        build_grid([door(1, 0, 1)], {}, LEGEND)


def test_an_empty_complex_is_an_empty_grid():
    grid = build_grid([], {}, LEGEND)
    assert grid.floors == () and grid.width == 0 and [i.count for i in grid.legend] == [0, 0]


doors_strategy = st.lists(
    st.tuples(st.integers(-1, 12), st.integers(1, 300), st.sampled_from(["", "A", "B"]), st.sampled_from("ab")),
    max_size=60,
)


@settings(max_examples=50, deadline=None)
@given(doors_strategy)
def test_every_door_lands_once_in_order_and_the_legend_adds_up(rows):
    doors = [door(i, floor, number, letter=letter) for i, (floor, number, letter, _v) in enumerate(rows)]
    values = {i: value for i, (*_rest, value) in enumerate(rows)}
    grid = build_grid(doors, values, LEGEND)
    placed = [cell.door.unit_id for row in grid.floors for cell in row.cells]
    assert sorted(placed) == sorted(values)
    assert [row.floor for row in grid.floors] == sorted({d.floor for d in doors}, reverse=True)
    for row in grid.floors:
        assert {cell.door.floor for cell in row.cells} == {row.floor}
        assert [cell.door.order for cell in row.cells] == sorted(cell.door.order for cell in row.cells)
        assert len(row.cells) + row.padding == grid.width
    counts = {item.entry.value: item.count for item in grid.legend}
    assert sum(counts.values()) == len(doors)
    assert counts["a"] == list(values.values()).count("a")
    assert all(cell.entry.value == values[cell.door.unit_id] for row in grid.floors for cell in row.cells)


# --- layer values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "occupied", "value"),
    [("home", True, "occupied"), ("home", False, "vacant"), ("guest_home", True, "guest_home"),
     ("day_room", False, "day_room"), ("other", True, "other")],
)
def test_occupancy(kind, occupied, value):
    assert occupancy_value(door(1, 0, 1, kind=kind, occupied=occupied)) == value


@pytest.mark.parametrize(("people", "value"), [(0, "size:unknown"), (1, "size:1"), (4, "size:4"), (5, "size:5+"),
                                               (11, "size:5+")])
def test_household_size_bands(people, value):
    assert size_value(people) == value


def test_a_household_layer_says_why_a_door_has_no_value():
    own = {1: "lang:tr"}
    assert _household_value(door(1, 0, 1, occupied=True), own) == "lang:tr"
    assert _household_value(door(2, 0, 2, occupied=True), own) == NO_DATA.value  # lives there, not visible
    assert _household_value(door(3, 0, 3, occupied=False), own) == VACANT.value
    assert _household_value(door(4, 0, 4, kind="day_room"), own) == NO_HOME.value


# --- languages ----------------------------------------------------------------------------


def test_language_names_are_dutch():
    assert [language_name(c) for c in ("nl", "tr", "ar", "ber", "pl", "so", "ti", "en")] == [
        "Nederlands", "Turks", "Arabisch", "Berbers/Tamazight", "Pools", "Somalisch", "Tigrinya", "Engels",
    ]
    assert language_name("xx") == "XX"


def test_top_languages_by_frequency_ties_by_code_blanks_ignored():
    codes = ["tr", "ar", "tr", "nl", "ar", "pl", "", " ", "TR"]
    assert top_languages(codes, limit=3) == ["tr", "ar", "nl"]


def test_language_groups_top_other_unknown():
    top = ["tr", "ar"]
    assert [language_group(c, top) for c in ("tr", "AR", "so", "", None)] == ["tr", "ar", OTHER, UNKNOWN, UNKNOWN]


def test_language_legend_has_the_top_then_overig_and_onbekend_each_its_own_colour():
    legend = language_legend(["tr", "ar", "nl"])
    labels = [str(entry.label) for entry in legend]
    assert labels[:5] == ["Turks", "Arabisch", "Nederlands", "Overig", "Onbekend"]
    coloured = [entry.colour for entry in legend[:5]]
    assert len(set(coloured)) == 5


# --- registry and grants --------------------------------------------------------------------


def test_each_layer_shows_one_category():
    assert {key: layer.category for key, layer in LAYERS.items() if key in ("occupancy", "language", "size")} == {
        "occupancy": Category.PLACES, "language": Category.CONTACT, "size": Category.HOUSEHOLD,
    }


@pytest.mark.parametrize("role", list(Role))
def test_layers_offered_are_exactly_those_whose_category_the_role_reads(role):
    offered = {layer.key for layer in layers_for(user_with(role))}
    assert offered == {key for key, layer in LAYERS.items() if level(role, layer.category).reads}


def test_asking_for_a_layer_one_may_not_see_or_that_does_not_exist_is_404():
    letting = user_with(Role.LETTING)  # places write, contact and household none
    assert layer_for(letting, "occupancy").key == "occupancy"
    for key in ("language", "size", "nonsense"):
        with pytest.raises(Http404):
            layer_for(letting, key)


# --- age bands ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [(2026, "0–3"), (2022, "4–11"), (2010, "12–17"), (2008, "18–29"), (1990, "30–49"), (1970, "50–66"),
     (1959, "67–79"), (1940, "80+"), (None, ""), (2030, "")],
)
def test_age_band(birth_year, band):
    assert age_band(birth_year, 2026) == band
