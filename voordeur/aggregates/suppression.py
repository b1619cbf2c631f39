"""Small-cell suppression for count tables, so no household can be singled out.

Cells of 1 to 4 are hidden ("<5"); 0 stays 0. Then, wherever a total would let someone
work a hidden cell out (one hidden cell in a row or column, or hidden cells summing to
fewer than 5), more cells are hidden — the smallest visible non-zero one in that line, or
the line's total when none is left — until every row and column is safe. Those second
cells are 5 or more, so they show "x" (as Statistics Netherlands marks a secret cell),
never a false "<5". Plain data in,
plain data out: tested without a database.

A table may also carry subtotal columns ("groups": e.g. "visited" = talked + not home +
refused). A subtotal is one more published sum, so it is protected like a total: its cell is
suppressed when 1 to 4, and the equations it takes part in (subtotal = its members, the
subtotal column = its complex total, row total = subtotal + the other columns) are lines of
the secondary suppression like every row and column.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

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
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # subtotal key -> its member columns

    def cell(self, row: str, column: str) -> int | str:
        return self.cells[(row, column)]

    def subtotal(self, row: str, key: str) -> int | str:
        """A subtotal cell (its key in `groups`); row may be TOTAL."""
        return self.cells[(row, key)]

    def total(self, row: str = TOTAL, column: str = TOTAL) -> int | str:
        return self.cells[(row, column)]


def _lines(rows: Sequence[str], columns: Sequence[str],
           groups: Mapping[str, Sequence[str]] | None = None) -> list[tuple[list[Cell], Cell]]:
    """Every published sum as (member cells, total cell): rows and columns with their totals,
    and for each subtotal its members, its column, and the row total split at the subtotal."""
    all_rows, all_cols = [*rows, TOTAL], [*columns, TOTAL]
    lines = [([(r, c) for c in columns], (r, TOTAL)) for r in all_rows]
    lines += [([(r, c) for r in rows], (TOTAL, c)) for c in all_cols]
    for key, members in (groups or {}).items():
        rest = [c for c in columns if c not in members]
        lines += [([(r, m) for m in members], (r, key)) for r in all_rows]
        lines.append(([(r, key) for r in rows], (TOTAL, key)))
        lines += [([(r, key), *((r, c) for c in rest)], (r, TOTAL)) for r in all_rows]
    return lines


def suppress(counts: Mapping[str, Mapping[str, int]], columns: Sequence[str], threshold: int = THRESHOLD,
             groups: Mapping[str, Sequence[str]] | None = None) -> CountTable:
    """Suppress a table {row: {column: count}} with row, column and grand totals, and the
    subtotals named in `groups` ({subtotal key: member columns})."""
    rows = tuple(counts)
    columns = tuple(columns)
    groups = {key: tuple(members) for key, members in (groups or {}).items()}
    for key, members in groups.items():
        if key in columns or key == TOTAL or not members or not set(members) <= set(columns):
            raise ValueError(f"subtotal {key!r} must be a new key over existing columns")
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
    for key, members in groups.items():
        for r in [*rows, TOTAL]:
            values[(r, key)] = sum(values[(r, m)] for m in members)

    primary = {cell for cell, v in values.items() if 0 < v < threshold}
    hidden = set(primary)
    lines = _lines(rows, columns, groups)
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
    return CountTable(rows=rows, columns=columns, cells=cells, groups=groups)


def _shown(value: int, is_primary: bool, is_hidden: bool) -> int | str:
    if is_primary:
        return SUPPRESSED
    return SECONDARY if is_hidden else value


def is_safe(table: CountTable, true_values: Mapping[Cell, int], threshold: int = THRESHOLD) -> bool:
    """No hidden cell can be worked out from one row or column and its shown total."""
    for members, total in _lines(table.rows, table.columns, table.groups):
        if table.cells[total] in HIDDEN:
            continue
        in_line = [m for m in members if table.cells[m] in HIDDEN]
        if in_line and (len(in_line) < 2 or sum(true_values[m] for m in in_line) < threshold):
            return False
    shown_small = [cell for cell, v in table.cells.items() if isinstance(v, int) and 0 < v < threshold]
    return not shown_small
