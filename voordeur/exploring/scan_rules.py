"""The complex scan's pure rules: bands for ages, household sizes and arrears, and who should be
at the table, derived from the (already suppressed) figures by explicit rules.

Plain data in, plain data out: no database, tested on its own. The figures the table rules
read are the ones the user sees — a count, "<5" (1 to 4), "x" (5 or more) — or None when the
user may not count that category; a rule whose figure is None is not evaluated, so advice
never rests on a figure its reader may not see.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.aggregates.suppression import SECONDARY, SUPPRESSED

# --- bands ---------------------------------------------------------------------------------------

# (key, lowest age) from old to young; an age is this year minus the birth year.
AGE_BANDS: tuple[tuple[str, int], ...] = (
    ("80+", 80), ("67-79", 67), ("50-66", 50), ("30-49", 30), ("18-29", 18), ("0-17", 0),
)
AGE_UNKNOWN = "unknown"


def age_band(birth_year: int | None, this_year: int) -> str:
    """The band a birth year falls in this year; AGE_UNKNOWN when missing or in the future."""
    if birth_year is None or birth_year > this_year:
        return AGE_UNKNOWN
    age = this_year - birth_year
    return next(key for key, lowest in AGE_BANDS if age >= lowest)


def age_columns() -> list[str]:
    """Band keys young to old, then unknown."""
    return [key for key, _lowest in reversed(AGE_BANDS)] + [AGE_UNKNOWN]


SIZE_BANDS = ("1", "2", "3-4", "5+")
SIZE_UNKNOWN = "unknown"


def size_band(people: int) -> str:
    """A household's size band from its number of registered people (none registered: unknown)."""
    if people <= 0:
        return SIZE_UNKNOWN
    if people <= 2:
        return str(people)
    return "3-4" if people <= 4 else "5+"


ARREARS_UNDER_TWO = "under_2_months"
ARREARS_TWO_PLUS = "2_months_plus"


def _months(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _amount(value) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def arrears_band(records: Iterable[tuple[object, object]]) -> str | None:
    """One household's arrears band from its decrypted (months, amount) records, or None for
    no arrears. Two months or more in any record counts as 2+; otherwise any month or any
    positive amount counts as arrears under two months. Unreadable values count as nothing."""
    months = [m for m in (_months(value) for value, _amount_value in records) if m is not None]
    amounts = [a for a in (_amount(value) for _months_value, value in records) if a is not None]
    if any(m >= 2 for m in months):
        return ARREARS_TWO_PLUS
    if any(m >= 1 for m in months) or any(a > 0 for a in amounts):
        return ARREARS_UNDER_TWO
    return None


# --- who should be at the table ------------------------------------------------------------------

Shown = int | str | None  # a count, "<5", "x", or None when the user may not count it

OLD_AGE_BAND = "80+"
MANY_OLD = 5  # residents of 80 or older
MANY_OLD_SHARE = 10  # ... or this percentage of residents whose age is known
MANY_LANGUAGES = 3  # different languages other than Dutch
NON_DUTCH_SHARE = 25  # percent of households whose language is known
MANY_OPEN_REPAIRS = 10  # open repair requests, homes and common areas together
SINGLES_SHARE = 40  # percent of households of one person


def at_least(value: Shown) -> int | None:
    """The least a shown figure can be: the count, 1 for "<5", 5 for "x"; None if not shown."""
    if value is None:
        return None
    if value == SUPPRESSED:
        return 1
    if value == SECONDARY:
        return 5
    return int(value)


def _exact(value: Shown) -> int | None:
    return value if isinstance(value, int) else None


def _share_at_least(part: Shown, whole: Shown) -> float | None:
    """A lower bound for part/whole in percent, only when the whole is known exactly."""
    low, whole_n = at_least(part), _exact(whole)
    if low is None or not whole_n:
        return None
    return 100 * low / whole_n


@dataclass(frozen=True)
class TableFacts:
    """The complex-wide figures the rules read, as the user sees them."""

    arrears_households: Shown = None
    arrears_two_months: Shown = None
    residents_old: Shown = None  # 80+
    residents_known_age: Shown = None
    households_known_language: Shown = None
    non_dutch_households: Shown = None
    non_dutch_languages: int | None = None  # at least this many languages other than Dutch
    open_repairs_homes: Shown = None
    open_repairs_common: Shown = None
    open_nuisance_homes: Shown = None
    open_nuisance_common: Shown = None
    households: Shown = None  # households with a known size
    single_households: Shown = None
    caseload: Sequence[tuple[str, Shown]] = field(default_factory=tuple)  # (organisation name, households)


@dataclass(frozen=True)
class Advice:
    key: str
    who: str  # who should be at the table
    why: str  # the figure that says so
    category: Category  # the data category of that figure
    partner_kinds: tuple[str, ...] = ()  # Partner.Kind values that can fill this seat
    present: tuple[str, ...] = ()  # names of trajectory partners of those kinds


def _fmt(value: Shown) -> str:
    return str(value)


def who_at_table(facts: TableFacts, partners: Sequence[tuple[str, str]] = ()) -> list[Advice]:
    """The seats the figures ask for, in a fixed order. `partners`: (name, kind) of the
    trajectory's partners, to say which seats are already taken.

    Rules (thresholds above):
    1. arrears: any household with rent arrears -> the municipality's debt help (early signalling);
    2. age: at least MANY_OLD residents of 80+, or MANY_OLD_SHARE% of those of known age
       -> the neighbourhood team and care;
    3. language: at least NON_DUTCH_SHARE% of households speak another language than Dutch,
       or MANY_LANGUAGES other languages are spoken -> interpreters and a language partner;
    4. nuisance: any open nuisance report -> enforcement and the community police officer;
    5. repairs: at least MANY_OPEN_REPAIRS open repair requests and reports (homes and common
       areas; hidden cells count at their least) -> the corporation's maintenance;
    6. singles: at least SINGLES_SHARE% one-person households -> welfare (network, loneliness);
    7. caseload: every partner already supporting households here -> that partner.
    """
    advice: list[tuple[str, str, str, Category, tuple[str, ...]]] = []
    arrears = at_least(facts.arrears_households)
    if arrears:
        why = _("Huishoudens met huurachterstand: %(n)s") % {"n": _fmt(facts.arrears_households)}
        if at_least(facts.arrears_two_months):
            why += "; " + _("waarvan twee maanden of meer: %(n)s") % {"n": _fmt(facts.arrears_two_months)}
        advice.append(("arrears", _("Schuldhulp van de gemeente (vroegsignalering)"), why, Category.ARREARS,
                       ("municipality",)))
    old = at_least(facts.residents_old)
    old_share = _share_at_least(facts.residents_old, facts.residents_known_age)
    if old is not None and (old >= MANY_OLD or (old_share is not None and old_share >= MANY_OLD_SHARE)):
        advice.append(("age", _("Buurtteam en zorg (wijkverpleging, ouderenwerk)"),
                       _("Bewoners van 80 jaar of ouder: %(n)s") % {"n": _fmt(facts.residents_old)},
                       Category.HOUSEHOLD, ("nbh_team",)))
    non_dutch_share = _share_at_least(facts.non_dutch_households, facts.households_known_language)
    languages = facts.non_dutch_languages
    if (non_dutch_share is not None and non_dutch_share >= NON_DUTCH_SHARE) or (
            languages is not None and languages >= MANY_LANGUAGES):
        if facts.non_dutch_households is None:
            why = _("Er worden ten minste %(k)s andere talen dan Nederlands gesproken") % {"k": languages or 0}
        else:
            why = _("Huishoudens met een andere taal dan Nederlands: %(n)s van %(total)s, "
                    "in ten minste %(k)s talen") % {"n": _fmt(facts.non_dutch_households),
                                                    "total": _fmt(facts.households_known_language),
                                                    "k": languages or 0}
        advice.append(("language", _("Tolken en een taalpartner; brieven in de eigen taal"), why, Category.CONTACT,
                       ()))
    places = _("%(homes)s in woningen, %(common)s in gemeenschappelijke ruimten")
    if at_least(facts.open_nuisance_homes) or at_least(facts.open_nuisance_common):
        where = places % {"homes": _fmt(facts.open_nuisance_homes or 0),
                          "common": _fmt(facts.open_nuisance_common or 0)}
        advice.append(("nuisance", _("Handhaving van de gemeente en de wijkagent"),
                       _("Open meldingen van overlast: %(where)s") % {"where": where}, Category.REPAIRS,
                       ("municipality", "police")))
    repairs = [n for n in (at_least(facts.open_repairs_homes), at_least(facts.open_repairs_common)) if n is not None]
    if repairs and sum(repairs) >= MANY_OPEN_REPAIRS:
        where = places % {"homes": _fmt(facts.open_repairs_homes or 0), "common": _fmt(facts.open_repairs_common or 0)}
        advice.append(("repairs", _("Onderhoud van de corporatie: eerst schoon, heel en veilig"),
                       _("Open reparatieverzoeken en meldingen: %(where)s") % {"where": where}, Category.REPAIRS,
                       ("corporation",)))
    singles_share = _share_at_least(facts.single_households, facts.households)
    if singles_share is not None and singles_share >= SINGLES_SHARE:
        advice.append(("singles", _("Welzijn (sociaal makelaar): netwerk en eenzaamheid"),
                       _("Huishoudens van één persoon: %(n)s van %(total)s") % {
                           "n": _fmt(facts.single_households), "total": _fmt(facts.households)},
                       Category.HOUSEHOLD, ("welfare",)))
    for name, households in facts.caseload:
        if at_least(households):
            advice.append((f"caseload:{name}", name,
                           _("Ondersteunt hier al huishoudens: %(n)s") % {"n": _fmt(households)},
                           Category.REFERRALS, ()))
    result = []
    for key, who, why, category, kinds in advice:
        if key.startswith("caseload:"):
            present = tuple(n for n, _kind in partners if n == who)
        else:
            present = tuple(n for n, kind in partners if kind in kinds)
        result.append(Advice(key=key, who=str(who), why=str(why), category=category, partner_kinds=kinds,
                             present=present))
    return result


def rule_texts(countable: Iterable[Category]) -> list[str]:
    """The rules above in words, only those resting on a category in `countable` (a role is not
    told about figures it may not see)."""
    countable = frozenset(countable)
    rules = [
        (Category.ARREARS, _("Een of meer huishoudens met huurachterstand: schuldhulp van de gemeente.")),
        (Category.HOUSEHOLD, _("%(n)s of meer bewoners van 80+, of %(share)s%% van de bewoners met bekende leeftijd: "
                               "buurtteam en zorg.") % {"n": MANY_OLD, "share": MANY_OLD_SHARE}),
        (Category.CONTACT, _("%(share)s%% of meer huishoudens met een andere taal dan Nederlands, of %(n)s of meer "
                             "andere talen: tolken en een taalpartner.") % {"share": NON_DUTCH_SHARE,
                                                                             "n": MANY_LANGUAGES}),
        (Category.REPAIRS, _("Een of meer open meldingen van overlast: handhaving en de wijkagent.")),
        (Category.REPAIRS, _("%(n)s of meer open reparatieverzoeken en meldingen: onderhoud van de corporatie.")
         % {"n": MANY_OPEN_REPAIRS}),
        (Category.HOUSEHOLD, _("%(share)s%% of meer huishoudens van één persoon: welzijn (netwerk, eenzaamheid).")
         % {"share": SINGLES_SHARE}),
        (Category.REFERRALS, _("Elke organisatie die hier al huishoudens ondersteunt.")),
    ]
    return [text for category, text in rules if category in countable]
