"""Aggregate measures per stairwell: what `agg` roles may see, suppressed.

Each measure counts one data category; it is offered to a role whose level for that
category allows counts (agg, read or write — never own-levels). Counting over a sensitive
category is audited once per view by the caller.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.consent.aggregate import count_consent
from voordeur.households.models import ContactLogEntry, Household, Person
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.places.selectors import with_occupancy
from voordeur.safety.aggregate import count_open_signals, crime_columns
from voordeur.works.aggregate import count_works_starts, works_columns

Counts = dict[str, dict[str, int]]


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    category: Category
    counted: str  # what one count is ("huishoudens", "woningen", "contactmomenten")
    columns: Callable[[], list[tuple[str, str]]]  # (key, label) in display order
    count: Callable[[int], Counts]  # complex id -> {portiek code: {column key: n}}


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
    counts = _empty(complex_id)
    sizes = _current_households(complex_id).annotate(size=Count("people", distinct=True))
    for portiek, size in sizes.values_list("unit__portiek__code", "size"):
        key = "5+" if size >= 5 else str(max(size, 1))
        counts[portiek][key] = counts[portiek].get(key, 0) + 1
    return counts


AGE_BANDS = [("0-17", 0, 17), ("18-34", 18, 34), ("35-54", 35, 54), ("55-74", 55, 74), ("75+", 75, 200)]


def count_age_bands(complex_id: int) -> Counts:
    counts = _empty(complex_id)
    year = today().year
    people = Person.objects.filter(household__in=_current_households(complex_id), birth_year__isnull=False)
    for portiek, born in people.values_list("household__unit__portiek__code", "birth_year"):
        age = year - born
        key = next(band for band, low, high in AGE_BANDS if low <= age <= high)
        counts[portiek][key] = counts[portiek].get(key, 0) + 1
    return counts


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
        Measure("household_size", _("Grootte van huishoudens"), Category.HOUSEHOLD, _("huishoudens"),
                lambda: [(k, k) for k in ("1", "2", "3", "4", "5+")], count_household_size),
        Measure("age_bands", _("Leeftijd van bewoners"), Category.HOUSEHOLD, _("bewoners"),
                lambda: [(band, band) for band, _low, _high in AGE_BANDS], count_age_bands),
        Measure("recent_contacts", _("Contactmomenten (90 dagen) per soort partner"), Category.CONTACTS_LOG,
                _("contactmomenten"), _partner_kinds, count_recent_contacts),
        Measure("consent", _("Instemming met het renovatievoorstel"), Category.CONSENT, _("huurders"),
                lambda: [("agreed", str(_("akkoord"))), ("against", str(_("niet akkoord"))),
                         ("no_response", str(_("geen reactie")))], count_consent),
        Measure("works_starts", _("Starts van de werkzaamheden per periode van vier weken"), Category.WORKS,
                _("woningen"), works_columns, count_works_starts),
        Measure("crime-signals", _("Openstaande signalen van ondermijning"), Category.CRIME, _("signalen"),
                crime_columns, count_open_signals),
    ]
}
