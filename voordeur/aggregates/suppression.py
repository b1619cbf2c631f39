"""Small-cell suppression for count tables, so no household can be singled out.

Cells of 1 to 4 are hidden ("<5"); 0 stays 0. Then, wherever a total would let someone
work a hidden cell out (one hidden cell in a row or column, or hidden cells summing to
fewer than 5), more cells are hidden — the smallest visible non-zero one in that line, or
the line's total when none is left — until every row and column is safe. Those second
cells are 5 or more, so they show "x" (as Statistics Netherlands marks a secret cell),
never a false "<5". Plain data in,
plain data out: tested without a database.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

SUPPRESSED = "<5"
SECONDARY = "x"
HIDDEN = frozenset({SUPPRESSED, SECONDARY})
THRESHOLD = 5
TOTAL = "__total__"

Cell = tuple[str, str]  # (row, column); TOTAL marks a total row or column


@dataclass(frozen=True)
class CountTable:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[Cell, int | str]  # includes totals at (row, TOTAL), (TOTAL, col), (TOTAL, TOTAL)

    def cell(self, row: str, column: str) -> int | str:
        return self.cells[(row, column)]

    def total(self, row: str = TOTAL, column: str = TOTAL) -> int | str:
        return self.cells[(row, column)]


def _lines(rows: Sequence[str], columns: Sequence[str]) -> list[tuple[list[Cell], Cell]]:
    """Every row and column, totals included, as (member cells, total cell)."""
    all_rows, all_cols = [*rows, TOTAL], [*columns, TOTAL]
    lines = [([(r, c) for c in columns], (r, TOTAL)) for r in all_rows]
    lines += [([(r, c) for r in rows], (TOTAL, c)) for c in all_cols]
    return lines


def suppress(counts: Mapping[str, Mapping[str, int]], columns: Sequence[str], threshold: int = THRESHOLD) -> CountTable:
    """Suppress a table {row: {column: count}} with row, column and grand totals."""
    rows = tuple(counts)
    columns = tuple(columns)
    values: dict[Cell, int] = {}
    for r in rows:
        for c in columns:
            count = int(counts[r].get(c, 0))
            if count < 0:
                raise ValueError(f"negative count at {r}/{c}")
            values[(r, c)] = count
    for r in rows:
        values[(r, TOTAL)] = sum(values[(r, c)] for c in columns)
    for c in columns:
        values[(TOTAL, c)] = sum(values[(r, c)] for r in rows)
    values[(TOTAL, TOTAL)] = sum(values[(r, TOTAL)] for r in rows)

    primary = {cell for cell, v in values.items() if 0 < v < threshold}
    hidden = set(primary)
    lines = _lines(rows, columns)
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if total in hidden:
                continue
            in_line = [m for m in members if m in hidden]
            if not in_line or (len(in_line) >= 2 and sum(values[m] for m in in_line) >= threshold):
                continue
            candidates = sorted((values[m], m) for m in members if m not in hidden and values[m] > 0)
            hidden.add(candidates[0][1] if candidates else total)
            changed = True

    cells = {cell: _shown(v, cell in primary, cell in hidden) for cell, v in values.items()}
    return CountTable(rows=rows, columns=columns, cells=cells)


def _shown(value: int, is_primary: bool, is_hidden: bool) -> int | str:
    if is_primary:
        return SUPPRESSED
    return SECONDARY if is_hidden else value


def is_safe(table: CountTable, true_values: Mapping[Cell, int], threshold: int = THRESHOLD) -> bool:
    """No hidden cell can be worked out from one row or column and its shown total."""
    for members, total in _lines(table.rows, table.columns):
        if table.cells[total] in HIDDEN:
            continue
        in_line = [m for m in members if table.cells[m] in HIDDEN]
        if in_line and (len(in_line) < 2 or sum(true_values[m] for m in in_line) < threshold):
            return False
    shown_small = [cell for cell, v in table.cells.items() if isinstance(v, int) and 0 < v < threshold]
    return not shown_small
