"""Suppressed aggregates as page sections: the table's rows, the complex row, a chart.

Only shown values pass through here (counts, "<5", "x"); the raw counts never leave the
aggregate selector. Wide measures (ten repair kinds, ten themes) drop the columns that are 0
for the whole complex — a column of zeros hides nothing and tells nothing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from voordeur.aggregates.selectors import Aggregate
from voordeur.aggregates.suppression import TOTAL
from voordeur.exploring.scan import stairwell_label
from voordeur.web.scan.chart import BarChart, bar_chart

DROP_EMPTY = frozenset({"repairs", "repairs_common", "visit_themes"})


@dataclass(frozen=True)
class Line:
    label: str
    cells: tuple
    subtotals: tuple
    total: int | str


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    counted: str
    category: str
    overlapping: bool
    columns: tuple[tuple[str, str], ...]
    subtotal_columns: tuple[tuple[str, str], ...]
    rows: tuple[Line, ...]
    complex: Line
    chart: BarChart | None
    stairwell_chart: BarChart | None  # the first subtotal per stairwell (e.g. doors visited)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def _line(aggregate: Aggregate, row: str, label: str, columns, groups) -> Line:
    table = aggregate.table
    return Line(label=label, cells=tuple(table.cell(row, k) for k, _label in columns),
                subtotals=tuple(table.subtotal(row, g) for g, _label in groups), total=table.total(row=row))


def section(aggregate: Aggregate) -> Section:
    measure, table = aggregate.measure, aggregate.table
    columns = tuple(aggregate.columns)
    if measure.key in DROP_EMPTY:
        columns = tuple((k, label) for k, label in columns if table.total(column=k) != 0)
    groups = tuple((key, str(label)) for key, label, _members in measure.groups)
    rows = tuple(_line(aggregate, r, stairwell_label(r), columns, groups) for r in table.rows)
    complex_line = _line(aggregate, TOTAL, _("Complex"), columns, groups)
    chart = bar_chart([(label, value) for (_k, label), value in zip(columns, complex_line.cells, strict=True)])
    stairwell_chart = None
    if groups:
        stairwell_chart = bar_chart([(line.label, line.subtotals[0]) for line in rows])
    return Section(key=measure.key, title=str(measure.label), counted=str(measure.counted),
                   category=str(measure.category), overlapping=measure.overlapping, columns=columns,
                   subtotal_columns=groups, rows=rows, complex=complex_line, chart=chart,
                   stairwell_chart=stairwell_chart)
