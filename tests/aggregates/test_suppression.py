"""Small-cell suppression is a pure function: plain tables in, safe tables out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.aggregates.suppression import SECONDARY, SUPPRESSED, TOTAL, is_safe, suppress


def true_values(counts, columns):
    table = suppress(counts, columns, threshold=1)  # threshold 1 hides nothing: the plain totals
    return dict(table.cells)


def test_small_cells_show_as_less_than_five_and_zero_stays_zero() -> None:
    table = suppress({"A": {"nl": 12, "tr": 3, "so": 0}, "B": {"nl": 9, "tr": 8, "so": 6}}, ["nl", "tr", "so"])
    assert table.cell("A", "tr") == SUPPRESSED
    assert table.cell("A", "so") == 0
    assert table.cell("B", "nl") == 9 or table.cell("B", "nl") == SECONDARY


def test_a_lone_small_cell_gets_a_second_cell_hidden_so_the_total_does_not_reveal_it() -> None:
    table = suppress({"A": {"yes": 20, "no": 2}}, ["yes", "no"])
    assert table.cell("A", "no") == SUPPRESSED
    # with only two cells in the row, the other one must go too, or the total tells the secret
    assert table.cell("A", "yes") in (SECONDARY,) or table.total(row="A") == SECONDARY
    assert is_safe(table, true_values({"A": {"yes": 20, "no": 2}}, ["yes", "no"]))


def test_second_cells_are_never_marked_less_than_five() -> None:
    counts = {"A": {"x": 40, "y": 1}, "B": {"x": 30, "y": 7}}
    table = suppress(counts, ["x", "y"])
    for (row, col), shown in table.cells.items():
        plain = true_values(counts, ["x", "y"])[(row, col)]
        if shown == SUPPRESSED:
            assert 1 <= plain <= 4
        if shown == SECONDARY:
            assert plain >= 5


def test_no_hidden_cells_in_a_table_without_small_counts() -> None:
    table = suppress({"A": {"a": 5, "b": 0}, "B": {"a": 7, "b": 9}}, ["a", "b"])
    assert SUPPRESSED not in table.cells.values() and SECONDARY not in table.cells.values()
    assert table.total() == 21


tables = st.integers(min_value=1, max_value=4).flatmap(
    lambda n_cols: st.dictionaries(
        st.sampled_from(["A", "B", "C", "D", "E"]),
        st.fixed_dictionaries({f"c{i}": st.integers(min_value=0, max_value=30) for i in range(n_cols)}),
        min_size=1,
    ).map(lambda counts: (counts, [f"c{i}" for i in range(n_cols)]))
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_every_table_is_safe_and_honest(case) -> None:
    counts, columns = case
    table = suppress(counts, columns)
    plain = true_values(counts, columns)
    assert is_safe(table, plain)
    for cell, shown in table.cells.items():
        if isinstance(shown, int):
            assert shown == plain[cell]
            assert shown == 0 or shown >= 5
        elif shown == SUPPRESSED:
            assert 1 <= plain[cell] <= 4
        else:
            assert shown == SECONDARY and plain[cell] >= 5
    assert set(table.cells) == {(r, c) for r in [*table.rows, TOTAL] for c in [*table.columns, TOTAL]}
