"""The complex scan (phase 1, Verkennen): "what do we know of the residents, and which
partners must be at the table?" — per stairwell and for the complex, aggregated and
suppressed, and the seats at the table the figures ask for.

The scan is a fixed selection of aggregate measures. A user gets the ones whose data category
their grants let them count (agg, read or write); the others are absent. Counting arrears is
audited once per scan (by the aggregate selector); a printed scan is audited as an export.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.aggregates.measures import MEASURES
from voordeur.aggregates.selectors import Aggregate, aggregate_for, may_count
from voordeur.aggregates.suppression import TOTAL
from voordeur.audit import log as audit
from voordeur.exploring.scan_rules import (
    AGE_UNKNOWN,
    ARREARS_TWO_PLUS,
    OLD_AGE_BAND,
    SIZE_UNKNOWN,
    Advice,
    Shown,
    TableFacts,
    who_at_table,
)
from voordeur.exploring.models import Repair
from voordeur.exploring.scan_counts import COMPLEX_WIDE
from voordeur.lib.dates import today
from voordeur.web.doors.languages import OTHER, UNKNOWN

# The scan's measures, in the order it shows them.
SCAN_MEASURES = ("occupancy", "languages", "household_size", "age_bands", "arrears", "repairs", "repairs_common",
                 "caseload")
DUTCH = "nl"


@dataclass(frozen=True)
class ScanReport:
    trajectory: object
    made_on: dt.date
    aggregates: tuple[Aggregate, ...]  # only what the user may count, in SCAN_MEASURES order
    advice: tuple[Advice, ...]

    @property
    def measure_keys(self) -> list[str]:
        return [a.measure.key for a in self.aggregates]


def complex_scan(*, user, trajectory, purpose: str) -> ScanReport:
    """The scan of the trajectory's complex as this user may see it."""
    aggregates = tuple(aggregate_for(user=user, trajectory=trajectory, key=key, purpose=purpose)
                       for key in SCAN_MEASURES if may_count(user, MEASURES[key]))
    partners = [(member.partner.name, member.partner.kind) for member in trajectory.partners.all()]
    advice = who_at_table(scan_facts({a.measure.key: a for a in aggregates}), partners)
    return ScanReport(trajectory=trajectory, made_on=today(), aggregates=aggregates, advice=tuple(advice))


def _total(aggregate: Aggregate | None, column: str = TOTAL) -> Shown:
    if aggregate is None:
        return None
    if column != TOTAL and column not in aggregate.table.columns:
        return 0
    return aggregate.table.total(column=column)


def _minus(whole: Shown, part: Shown) -> Shown:
    """whole - part when both are exact; else None (not known exactly)."""
    return whole - part if isinstance(whole, int) and isinstance(part, int) else None


def scan_facts(aggregates: dict[str, Aggregate]) -> TableFacts:
    """The complex totals the table rules read, from the suppressed aggregates (never raw)."""
    languages = aggregates.get("languages")
    non_dutch, non_dutch_languages, known_language = None, None, None
    if languages is not None:
        keys = [k for k, _label in languages.columns]
        known_language = _minus(_total(languages), _total(languages, UNKNOWN))
        dutch = _total(languages, DUTCH)
        if DUTCH in keys or _total(languages, OTHER) == 0:
            non_dutch = _minus(known_language, dutch)
        non_dutch_languages = sum(1 for k in keys if k not in (DUTCH, UNKNOWN) and _total(languages, k) != 0)
    ages = aggregates.get("age_bands")
    sizes = aggregates.get("household_size")
    repairs, common = aggregates.get("repairs"), aggregates.get("repairs_common")
    caseload = aggregates.get("caseload")
    return TableFacts(
        arrears_households=_total(aggregates.get("arrears")),
        arrears_two_months=_total(aggregates.get("arrears"), ARREARS_TWO_PLUS),
        residents_old=_total(ages, OLD_AGE_BAND),
        residents_known_age=_minus(_total(ages), _total(ages, AGE_UNKNOWN)) if ages else None,
        households_known_language=known_language,
        non_dutch_households=non_dutch,
        non_dutch_languages=non_dutch_languages,
        open_repairs_homes=_total(repairs),
        open_repairs_common=_total(common),
        open_nuisance_homes=_total(repairs, Repair.Kind.NUISANCE),
        open_nuisance_common=_total(common, Repair.Kind.NUISANCE),
        households=_minus(_total(sizes), _total(sizes, SIZE_UNKNOWN)) if sizes else None,
        single_households=_total(sizes, "1"),
        caseload=tuple((label, _total(caseload, key)) for key, label in caseload.columns) if caseload else (),
    )


def record_export(*, user, trajectory, report: str, category: Category, measures: list[str], pages: int,
                  detail: dict | None = None) -> None:
    """Audit a printed report (every export is audited): which report, which measures."""
    audit.record(user, "export", category=category, obj=trajectory, trajectory_id=trajectory.pk,
                 purpose=f"{report} pdf", detail={"report": report, "measures": measures, "pages": pages,
                                                  **(detail or {})})


def stairwell_label(code: str) -> str:
    """Rows are stairwell codes; the complex-wide row of common-area reports has none."""
    return code if code != COMPLEX_WIDE else _("algemeen")
