"""Subtotals in suppressed tables (reach's "visited"): protected like totals. Pure."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.aggregates.suppression import (
    HIDDEN,
    SECONDARY,
    SUPPRESSED,
    TOTAL,
    is_safe,
    suppress,
)

COLUMNS = ["talked", "not_home", "refused", "not_yet"]
GROUPS = {"visited": ("talked", "not_home", "refused")}


def plain(counts, columns, groups):
    return dict(suppress(counts, columns, threshold=1, groups=groups).cells)


def test_a_visible_subtotal_is_the_sum_of_its_members() -> None:
    counts = {"A": {"talked": 8, "not_home": 6, "refused": 5, "not_yet": 9}}
    table = suppress(counts, COLUMNS, groups=GROUPS)
    assert table.subtotal("A", "visited") == 19 and table.subtotal(TOTAL, "visited") == 19
    assert table.groups == GROUPS


def test_a_small_subtotal_is_suppressed_and_cannot_be_worked_out_from_the_row() -> None:
    # 3 doors visited, 15 not yet: "visited" is <5, and total - not_yet would tell it
    counts = {"A": {"talked": 2, "not_home": 1, "refused": 0, "not_yet": 15}}
    table = suppress(counts, COLUMNS, groups=GROUPS)
    assert table.subtotal("A", "visited") == SUPPRESSED
    assert table.cell("A", "not_yet") in HIDDEN or table.total(row="A") in HIDDEN
    assert is_safe(table, plain(counts, COLUMNS, GROUPS))


def test_one_hidden_member_makes_a_second_one_go_when_its_subtotal_is_shown() -> None:
    counts = {"A": {"talked": 12, "not_home": 3, "refused": 9, "not_yet": 0},
              "B": {"talked": 20, "not_home": 7, "refused": 6, "not_yet": 4}}
    table = suppress(counts, COLUMNS, groups=GROUPS)
    assert table.cell("A", "not_home") == SUPPRESSED
    a_visited = [table.cell("A", c) for c in GROUPS["visited"]] + [table.subtotal("A", "visited")]
    assert sum(1 for v in a_visited if v in HIDDEN) >= 2
    assert is_safe(table, plain(counts, COLUMNS, GROUPS))


def test_a_subtotal_must_be_a_new_key_over_existing_columns() -> None:
    with pytest.raises(ValueError):
        suppress({"A": {"a": 1}}, ["a"], groups={"a": ("a",)})
    with pytest.raises(ValueError):
        suppress({"A": {"a": 1}}, ["a"], groups={"s": ("b",)})


tables = st.integers(min_value=2, max_value=5).flatmap(
    lambda n_cols: st.tuples(
        st.dictionaries(
            st.sampled_from(["A", "B", "C", "D"]),
            st.fixed_dictionaries({f"c{i}": st.integers(min_value=0, max_value=25) for i in range(n_cols)}),
            min_size=1,
        ),
        st.just([f"c{i}" for i in range(n_cols)]),
        st.integers(min_value=1, max_value=n_cols - 1),
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_table_with_a_subtotal_is_safe_and_honest(case) -> None:
    counts, columns, size = case
    groups = {"sub": tuple(columns[:size])}
    table = suppress(counts, columns, groups=groups)
    truth = plain(counts, columns, groups)
    assert is_safe(table, truth)
    for cell, shown in table.cells.items():
        if isinstance(shown, int):
            assert shown == truth[cell] and (shown == 0 or shown >= 5)
        elif shown == SUPPRESSED:
            assert 1 <= truth[cell] <= 4
        else:
            assert shown == SECONDARY and truth[cell] >= 5
    rows = [*table.rows, TOTAL]
    assert {(r, "sub") for r in rows} <= set(table.cells)
