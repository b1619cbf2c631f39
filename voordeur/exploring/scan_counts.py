"""Counts per stairwell for the complex scan's measures: languages, rent arrears, open
repairs and known caseload. Raw counts — the aggregate selector suppresses them before anyone
sees them; nothing here is shown as is.

Each function takes a complex id and answers {portiek code: {column key: count}} with a row
for every stairwell of the complex, in a fixed number of queries whatever the complex's size.
"""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.exploring.scan_rules import arrears_band
from voordeur.households.models import Household
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.web.doors.languages import OTHER, UNKNOWN, language_group, language_name, top_languages

Counts = dict[str, dict[str, int]]

TOP_LANGUAGES = 5
OPEN = (Repair.Status.OPEN, Repair.Status.IN_PROGRESS)
COMPLEX_WIDE = ""  # the row of common-area reports that name no stairwell


def stairwells(complex_id: int) -> Counts:
    """An empty row for every stairwell with units, in code order."""
    codes = (Unit.objects.filter(complex_id=complex_id).order_by("portiek__code")
             .values_list("portiek__code", flat=True).distinct())
    return {code: {} for code in codes}


def _add(counts: Counts, row: str, column: str, n: int = 1) -> None:
    cell = counts.setdefault(row, {})
    cell[column] = cell.get(column, 0) + n


def _active(prefix: str = "") -> Q:
    day = today()
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day}))


def current_households(complex_id: int) -> QuerySet[Household]:
    """Households of the complex with a tenancy active today (the occupied homes)."""
    return Household.objects.filter(unit__complex_id=complex_id).filter(_active("tenancies__")).distinct()


# --- languages (category contact) ----------------------------------------------------------------

def _household_languages(complex_id: int) -> list[tuple[str, str]]:
    rows = current_households(complex_id).order_by().values_list("pk", "unit__portiek__code", "language")
    return [(portiek, language) for _pk, portiek, language in rows]


def language_columns(complex_id: int) -> list[tuple[str, str]]:
    """The complex's most spoken languages, then the rest together, then unknown."""
    top = top_languages((language for _p, language in _household_languages(complex_id)), limit=TOP_LANGUAGES)
    return [(code, language_name(code)) for code in top] + [(OTHER, _("overig")), (UNKNOWN, _("onbekend"))]


def count_languages(complex_id: int) -> Counts:
    counts = stairwells(complex_id)
    households = _household_languages(complex_id)
    top = top_languages((language for _p, language in households), limit=TOP_LANGUAGES)
    for portiek, language in households:
        _add(counts, portiek, language_group(language, top))
    return counts


# --- rent arrears (category arrears; encrypted, read in Python) ---------------------------------

def count_arrears(complex_id: int) -> Counts:
    """Households with rent arrears on a tenancy active today, by band (under two months,
    two months or more). The amounts and months are decrypted here and never leave."""
    counts = stairwells(complex_id)
    rows = (Arrears.objects.filter(tenancy__unit__complex_id=complex_id).filter(_active("tenancy__")).order_by()
            .values_list("household_id", "tenancy__unit__portiek__code", "months", "amount"))
    records: dict[tuple[int, str], list[tuple[object, object]]] = defaultdict(list)
    for household, portiek, months, amount in rows:
        records[(household, portiek)].append((months, amount))
    for (_household, portiek), household_records in records.items():
        band = arrears_band(household_records)
        if band is not None:
            _add(counts, portiek, band)
    return counts


# --- open repairs (category repairs) -------------------------------------------------------------

def repair_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in Repair.Kind.choices]


def count_open_repairs(complex_id: int) -> Counts:
    """Open repair requests (open or in progress) for units, by kind, per the unit's stairwell."""
    counts = stairwells(complex_id)
    rows = (Repair.objects.filter(complex_id=complex_id, unit__isnull=False, status__in=OPEN).order_by()
            .values("unit__portiek__code", "kind").annotate(n=Count("id")))
    for row in rows:
        _add(counts, row["unit__portiek__code"], row["kind"], row["n"])
    return counts


def count_open_common_repairs(complex_id: int) -> Counts:
    """Open reports for common areas, by kind; those naming no stairwell in a complex-wide row."""
    counts = stairwells(complex_id)
    rows = (Repair.objects.filter(complex_id=complex_id, unit__isnull=True, status__in=OPEN).order_by()
            .values("portiek__code", "kind").annotate(n=Count("id")))
    for row in rows:
        _add(counts, row["portiek__code"] or COMPLEX_WIDE, row["kind"], row["n"])
    return counts


# --- known caseload (category referrals) ---------------------------------------------------------

def _caseloads(complex_id: int) -> QuerySet[Caseload]:
    return Caseload.objects.filter(active=True, household__in=current_households(complex_id)).order_by()


def caseload_columns(complex_id: int) -> list[tuple[str, str]]:
    """The organisations that already support households here, by name."""
    rows = _caseloads(complex_id).values_list("partner__slug", "partner__name").distinct()
    return sorted(rows, key=lambda row: (row[1].lower(), row[0]))


def count_caseload(complex_id: int) -> Counts:
    """Households with an active caseload per supporting organisation (one household can
    count for several organisations)."""
    counts = stairwells(complex_id)
    rows = (_caseloads(complex_id).values("household__unit__portiek__code", "partner__slug")
            .annotate(n=Count("household_id", distinct=True)))
    for row in rows:
        _add(counts, row["household__unit__portiek__code"], row["partner__slug"], row["n"])
    return counts
