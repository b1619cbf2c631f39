"""The scan's pure rules: bands and who should be at the table (no database)."""

import pytest

from voordeur.access.policy import Category
from voordeur.aggregates.suppression import SECONDARY, SUPPRESSED
from voordeur.exploring.scan_rules import (
    AGE_UNKNOWN,
    ARREARS_TWO_PLUS,
    ARREARS_UNDER_TWO,
    SIZE_UNKNOWN,
    TableFacts,
    age_band,
    age_columns,
    arrears_band,
    at_least,
    rule_texts,
    size_band,
    who_at_table,
)

YEAR = 2026


@pytest.mark.parametrize(("age", "band"), [
    (0, "0-17"), (17, "0-17"), (18, "18-29"), (29, "18-29"), (30, "30-49"), (49, "30-49"), (50, "50-66"),
    (66, "50-66"), (67, "67-79"), (79, "67-79"), (80, "80+"), (104, "80+"),
])
def test_age_bands_follow_the_birth_year(age: int, band: str) -> None:
    assert age_band(YEAR - age, YEAR) == band


def test_an_unknown_or_future_birth_year_is_unknown() -> None:
    assert age_band(None, YEAR) == AGE_UNKNOWN
    assert age_band(YEAR + 1, YEAR) == AGE_UNKNOWN
    assert age_columns() == ["0-17", "18-29", "30-49", "50-66", "67-79", "80+", AGE_UNKNOWN]


@pytest.mark.parametrize(("people", "band"), [(0, SIZE_UNKNOWN), (1, "1"), (2, "2"), (3, "3-4"), (4, "3-4"),
                                               (5, "5+"), (11, "5+")])
def test_household_size_bands(people: int, band: str) -> None:
    assert size_band(people) == band


@pytest.mark.parametrize(("records", "band"), [
    ([], None),
    ([(0, "0.00")], None),
    ([(0, "12.50")], ARREARS_UNDER_TWO),
    ([(1, "0")], ARREARS_UNDER_TWO),
    ([(2, "900.00")], ARREARS_TWO_PLUS),
    ([(1, "450"), (3, "0")], ARREARS_TWO_PLUS),  # two sources: the worst counts
    ([("drie", "veel")], None),  # unreadable values count as nothing
    ([("2", None)], ARREARS_TWO_PLUS),
])
def test_arrears_band_of_a_household(records, band) -> None:
    assert arrears_band(records) == band


def test_a_shown_figure_counts_at_its_least() -> None:
    assert at_least(None) is None
    assert at_least(0) == 0 and at_least(12) == 12
    assert at_least(SUPPRESSED) == 1 and at_least(SECONDARY) == 5


def _keys(facts: TableFacts, partners=()) -> list[str]:
    return [advice.key for advice in who_at_table(facts, partners)]


def test_figures_the_user_may_not_see_give_no_advice() -> None:
    assert who_at_table(TableFacts()) == []


def test_any_arrears_asks_for_debt_help_with_the_figure_as_shown() -> None:
    assert _keys(TableFacts(arrears_households=0, arrears_two_months=0)) == []
    [advice] = who_at_table(TableFacts(arrears_households=SUPPRESSED, arrears_two_months=0))
    assert advice.key == "arrears" and advice.category is Category.ARREARS
    assert "<5" in advice.why and "twee maanden" not in advice.why
    [advice] = who_at_table(TableFacts(arrears_households=12, arrears_two_months=SECONDARY))
    assert "12" in advice.why and "twee maanden of meer: x" in advice.why


@pytest.mark.parametrize(("old", "known", "advised"), [
    (4, 100, False),  # 4 of 100: neither 5 nor 10%
    (5, 100, True),
    (SECONDARY, None, True),  # "x" is 5 or more
    (SUPPRESSED, 30, False),  # at least 1 of 30 = 3%
    (SUPPRESSED, 8, True),  # at least 1 of 8 = 12.5%
    (SUPPRESSED, None, False),  # the share is unknown when the whole is hidden
    (0, 10, False),
])
def test_many_residents_of_80_or_older_ask_for_the_neighbourhood_team(old, known, advised) -> None:
    assert ("age" in _keys(TableFacts(residents_old=old, residents_known_age=known))) is advised


@pytest.mark.parametrize(("non_dutch", "known", "languages", "advised"), [
    (24, 100, 2, False),
    (25, 100, 2, True),
    (None, None, 3, True),
    (None, None, 2, False),
    (SUPPRESSED, 4, 1, True),  # at least 1 of 4
])
def test_other_languages_ask_for_interpreters(non_dutch, known, languages, advised) -> None:
    facts = TableFacts(non_dutch_households=non_dutch, households_known_language=known, non_dutch_languages=languages)
    assert ("language" in _keys(facts)) is advised


def test_nuisance_asks_for_enforcement_and_many_repairs_for_maintenance() -> None:
    quiet = TableFacts(open_repairs_homes=9, open_repairs_common=0, open_nuisance_homes=0, open_nuisance_common=0)
    assert _keys(quiet) == []
    busy = TableFacts(open_repairs_homes=SECONDARY, open_repairs_common=SECONDARY, open_nuisance_homes=0,
                      open_nuisance_common=SUPPRESSED)
    advice = {a.key: a for a in who_at_table(busy)}
    assert set(advice) == {"nuisance", "repairs"}  # x + x is at least 10
    assert "0 in woningen, <5 in gemeenschappelijke ruimten" in advice["nuisance"].why


def test_many_singles_ask_for_welfare_and_caseload_partners_are_invited() -> None:
    facts = TableFacts(households=20, single_households=8,
                       caseload=(("Buurtteam Oost", SUPPRESSED), ("Schuldhulp", 0), ("Wijkzorg", 6)))
    assert _keys(facts) == ["singles", "caseload:Buurtteam Oost", "caseload:Wijkzorg"]
    assert "singles" not in _keys(TableFacts(households=20, single_households=7))


def test_seats_already_taken_name_the_partners_at_the_table() -> None:
    facts = TableFacts(arrears_households=6, open_nuisance_homes=SUPPRESSED, open_nuisance_common=0,
                       caseload=(("Buurtteam Oost", 5),))
    partners = [("Gemeente Utrecht", "municipality"), ("Politie Midden", "police"), ("Buurtteam Oost", "nbh_team"),
                ("Portaal", "corporation")]
    advice = {a.key: a for a in who_at_table(facts, partners)}
    assert advice["arrears"].present == ("Gemeente Utrecht",)
    assert advice["nuisance"].present == ("Gemeente Utrecht", "Politie Midden")
    assert advice["caseload:Buurtteam Oost"].present == ("Buurtteam Oost",)
    assert who_at_table(facts)[0].present == ()


def test_the_rules_are_told_only_for_figures_the_reader_may_count() -> None:
    everything = rule_texts(Category)
    assert len(everything) == 7
    contractor = rule_texts([Category.PLACES, Category.CONTACT, Category.REPAIRS])
    assert len(contractor) == 3 and not any("huurachterstand" in text for text in contractor)
    assert any("tolken" in text for text in contractor) and any("overlast" in text for text in contractor)
    assert rule_texts([Category.PLACES]) == []
