"""Figures per stairwell: the aggregate measures a user may count, suppressed (<5)."""

from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.aggregates.selectors import aggregate_for, measure_list
from voordeur.aggregates.suppression import TOTAL
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.shell.work import Page, may_open

REPORTS = (Page.SCAN, Page.FEEDBACK, Page.REACH)  # the reports built on these measures


class FiguresView(CategoryPage, TemplateView):
    """Every measure the user's grants allow as a table; measures they may not count are absent."""

    primary_category = Category.META
    template_name = "web/figures/figures.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, self.kwargs["slug"])
        tables = []
        for measure in measure_list(user=user):
            aggregate = aggregate_for(user=user, trajectory=trajectory, key=measure.key,
                                      purpose=f"page {self.request.path}")
            table = aggregate.table
            tables.append({
                "measure": measure,
                "columns": aggregate.columns,
                "rows": [(r, [table.cell(r, k) for k, _l in aggregate.columns], table.total(row=r)) for r in table.rows],
                "totals": [table.total(column=k) for k, _l in aggregate.columns],
                "total": table.total(TOTAL, TOTAL),
                "grid": _grid(measure, table),
            })
        context.update(trajectory=trajectory, tables=tables,
                       reports=[page for page in REPORTS if may_open(user, page)])
        return context


def _grid(measure, table) -> dict | None:
    """The complex's (suppressed) column totals laid out as the measure's grid, if it has one:
    13 domains × 3 bands read as a table of their own, not as 39 columns."""
    if measure.grid is None:
        return None
    heading, rows, columns, key = measure.grid()
    return {"heading": heading, "columns": columns,
            "rows": [(label, [table.total(column=key(row, column)) for column, _c in columns]) for row, label in rows]}
