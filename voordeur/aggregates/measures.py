"""Aggregate measures per stairwell: what `agg` roles may see, suppressed.

Each measure counts one data category; it is offered to a role whose level for that
category allows counts (agg, read or write — never own-levels). Counting over a sensitive
category is audited once per view by the caller.

Most measures have fixed columns; some take them from the complex's data (its most spoken
languages, the organisations with a caseload) through `columns_for`. Visits and referrals
measures count over a period (`period` gives the default). A measure may name subtotals
(`groups`), which the suppression protects like totals; an `overlapping` measure can count one household in more
than one column, so its row totals add up mentions, not households.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.aggregates.period import Period, last_months, until
from voordeur.consent.aggregate import count_consent
from voordeur.exploring import feedback, reach, scan_counts
from voordeur.exploring.scan_rules import (
    AGE_UNKNOWN,
    ARREARS_TWO_PLUS,
    ARREARS_UNDER_TWO,
    SIZE_BANDS,
    SIZE_UNKNOWN,
    age_band,
    age_columns,
    size_band,
)
from voordeur.households.models import ContactLogEntry, Household, Person
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.places.selectors import with_occupancy
from voordeur.referrals import aggregate as referral_counts
from voordeur.safety.aggregate import count_open_signals, crime_columns
from voordeur.visits import aggregate as visit_counts
from voordeur.works.aggregate import count_works_starts, works_columns

Counts = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    category: Category
    counted: str  # what one count is ("huishoudens", "woningen", "contactmomenten")
    columns: Callable[[], list[tuple[str, str]]]  # (key, label) in display order
    count: Callable[..., Counts]  # complex id (, period) -> {portiek code: {column key: n}}
    columns_for: Callable[[int], list[tuple[str, str]]] | None = None  # columns from the complex's data
    period: Callable[[dt.date], Period] | None = None  # counts over a period; its default, given today
    groups: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # subtotals: (key, label, member columns)
    overlapping: bool = False  # one household can count in several columns
    # Columns that are a grid of two things (life domain × score band): the rows' heading, the
    # rows and columns of that grid, and the column key of a cell. Pages then show the complex's
    # totals as that grid.
    grid: Callable[[], tuple[str, list[tuple[str, str]], list[tuple[str, str]], Callable[[str, str], str]]] | None = None

    def columns_of(self, complex_id: int) -> list[tuple[str, str]]:
        return self.columns_for(complex_id) if self.columns_for is not None else self.columns()

    def tally(self, complex_id: int, period: Period | None = None) -> Counts:
        """The raw counts (the caller suppresses them); period measures need a period."""
        if self.period is None:
            return self.count(complex_id)
        if period is None:
            raise ValueError(f"measure {self.key} counts over a period")
        return self.count(complex_id, period)


def _portiek_codes(complex_id: int) -> list[str]:
    return list(Unit.objects.filter(complex_id=complex_id).order_by("portiek__code")
                .values_list("portiek__code", flat=True).distinct())


def _empty(complex_id: int) -> Counts:
    return {code: {} for code in _portiek_codes(complex_id)}


def _current_households(complex_id: int):
    day = today()
    return Household.objects.filter(unit__complex_id=complex_id).filter(
        Q(tenancies__start_date__lte=day) & (Q(tenancies__end_date__isnull=True) | Q(tenancies__end_date__gte=day))
    ).distinct()


def count_occupancy(complex_id: int) -> Counts:
    counts = _empty(complex_id)
    homes = with_occupancy(Unit.objects.filter(complex_id=complex_id, kind=Unit.Kind.HOME))
    for row in homes.values("portiek__code", "occupied").annotate(n=Count("id")):
        key = "occupied" if row["occupied"] else "vacant"
        counts[row["portiek__code"]][key] = counts[row["portiek__code"]].get(key, 0) + row["n"]
    return counts


def count_household_size(complex_id: int) -> Counts:
    """Households by size band (1, 2, 3-4, 5+; unknown when nobody is registered)."""
    counts = _empty(complex_id)
    sizes = _current_households(complex_id).annotate(size=Count("people", distinct=True))
    for portiek, size in sizes.values_list("unit__portiek__code", "size"):
        key = size_band(size)
        counts[portiek][key] = counts[portiek].get(key, 0) + 1
    return counts


def size_columns() -> list[tuple[str, str]]:
    return [(key, key.replace("-", "–")) for key in SIZE_BANDS] + [(SIZE_UNKNOWN, str(_("onbekend")))]


def count_age_bands(complex_id: int) -> Counts:
    """Residents (people of the households living here) by age band; birth year unknown apart."""
    counts = _empty(complex_id)
    year = today().year
    people = Person.objects.filter(household__in=_current_households(complex_id))
    for portiek, born in people.values_list("household__unit__portiek__code", "birth_year"):
        key = age_band(born, year)
        counts[portiek][key] = counts[portiek].get(key, 0) + 1
    return counts


def age_band_columns() -> list[tuple[str, str]]:
    return [(key, str(_("onbekend")) if key == AGE_UNKNOWN else key.replace("-", "–")) for key in age_columns()]


def count_recent_contacts(complex_id: int, days: int = 90) -> Counts:
    counts = _empty(complex_id)
    since = timezone.now() - dt.timedelta(days=days)
    rows = (ContactLogEntry.objects.filter(household__unit__complex_id=complex_id, contacted_at__gte=since)
            .values("household__unit__portiek__code", "partner__kind").annotate(n=Count("id")))
    for row in rows:
        portiek, kind = row["household__unit__portiek__code"], row["partner__kind"]
        counts[portiek][kind] = counts[portiek].get(kind, 0) + row["n"]
    return counts


def _partner_kinds() -> list[tuple[str, str]]:
    from voordeur.accounts.models import Partner

    return [(k, str(label)) for k, label in Partner.Kind.choices]


MEASURES: dict[str, Measure] = {
    m.key: m
    for m in [
        Measure("occupancy", _("Bewoning"), Category.PLACES, _("woningen"),
                lambda: [("occupied", str(_("bewoond"))), ("vacant", str(_("leeg")))], count_occupancy),
        Measure("languages", _("Taal van huishoudens"), Category.CONTACT, _("huishoudens"),
                lambda: [], scan_counts.count_languages, columns_for=scan_counts.language_columns),
        Measure("household_size", _("Grootte van huishoudens"), Category.HOUSEHOLD, _("huishoudens"),
                size_columns, count_household_size),
        Measure("age_bands", _("Leeftijd van bewoners"), Category.HOUSEHOLD, _("bewoners"),
                age_band_columns, count_age_bands),
        Measure("recent_contacts", _("Contactmomenten (90 dagen) per soort partner"), Category.CONTACTS_LOG,
                _("contactmomenten"), _partner_kinds, count_recent_contacts),
        Measure("consent", _("Instemming met het renovatievoorstel"), Category.CONSENT, _("huurders"),
                lambda: [("agreed", str(_("akkoord"))), ("against", str(_("niet akkoord"))),
                         ("no_response", str(_("geen reactie")))], count_consent),
        Measure("works_starts", _("Starts van de werkzaamheden per periode van vier weken"), Category.WORKS,
                _("woningen"), works_columns, count_works_starts),
        Measure("crime-signals", _("Openstaande signalen van ondermijning"), Category.CRIME, _("signalen"),
                crime_columns, count_open_signals),
        Measure("arrears", _("Huishoudens met huurachterstand"), Category.ARREARS, _("huishoudens"),
                lambda: [(ARREARS_UNDER_TWO, str(_("minder dan 2 maanden"))),
                         (ARREARS_TWO_PLUS, str(_("2 maanden of meer")))], scan_counts.count_arrears),
        Measure("repairs", _("Open reparatieverzoeken in woningen"), Category.REPAIRS, _("reparatieverzoeken"),
                scan_counts.repair_columns, scan_counts.count_open_repairs),
        Measure("repairs_common", _("Open meldingen in gemeenschappelijke ruimten"), Category.REPAIRS,
                _("meldingen"), scan_counts.repair_columns, scan_counts.count_open_common_repairs),
        Measure("caseload", _("Huishoudens die een organisatie al ondersteunt"), Category.REFERRALS,
                _("huishoudens"), lambda: [], scan_counts.count_caseload, columns_for=scan_counts.caseload_columns,
                overlapping=True),
        Measure("reach", _("Bereik van het huisbezoek"), Category.VISITS, _("deuren"),
                reach.reach_columns, reach.count_reach, period=until,
                groups=((reach.VISITED, _("bezocht"), reach.VISITED_MEMBERS),)),
        Measure("visit_themes", _("Thema's uit de huisbezoeken"), Category.VISITS, _("huishoudens"),
                feedback.theme_columns, feedback.count_visit_themes, period=last_months, overlapping=True),
        Measure("life_domains", _("Leefgebieden uit het laatste gesprek"), Category.LIFE_DOMAINS, _("huishoudens"),
                visit_counts.life_domain_columns, visit_counts.count_life_domains, overlapping=True,
                grid=visit_counts.life_domain_grid),
        Measure("referrals", _("Doorverwijzingen naar status"), Category.REFERRALS, _("doorverwijzingen"),
                referral_counts.referral_columns, referral_counts.count_referrals, period=until),
        Measure("promises", _("Toezeggingen aan bewoners: nagekomen en open"), Category.PROMISES, _("toezeggingen"),
                referral_counts.promise_columns, referral_counts.count_promises),
        Measure("opportunities", _("Kansen: initiatieven van bewoners"), Category.OPPORTUNITIES, _("kansen"),
                visit_counts.opportunity_columns, visit_counts.count_opportunities),
    ]
}
