"""Working-day deadlines (pure)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.lib.workdays import add_working_days, due_date, dutch_holidays, is_working_day, working_days_between

D = dt.date
NONE: frozenset[dt.date] = frozenset()


def test_five_working_days_skip_the_weekend():
    assert add_working_days(D(2027, 3, 5), 5, NONE) == D(2027, 3, 12)  # Friday -> next Friday


def test_kingsday_is_not_a_working_day():
    # made Friday 23 April 2027: Mon 26, (Koningsdag Tue 27), Wed 28, Thu 29, Fri 30, Mon 3 May
    assert due_date(D(2027, 4, 23), 5) == D(2027, 5, 3)
    assert add_working_days(D(2027, 4, 23), 5, NONE) == D(2027, 4, 30)


def test_christmas_and_new_year():
    assert due_date(D(2026, 12, 23), 3) == D(2026, 12, 29)  # 24th, (25/26 holidays, 27 Sun) 28th, 29th
    assert due_date(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 1 Jan holiday, weekend


def test_zero_days_rolls_forward_to_a_working_day():
    assert add_working_days(D(2027, 3, 6), 0, NONE) == D(2027, 3, 8)  # Saturday -> Monday
    assert add_working_days(D(2027, 3, 8), 0, NONE) == D(2027, 3, 8)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2027, 3, 8), -1, NONE)


def test_dutch_holidays_include_the_fixed_ones():
    days = dutch_holidays(2027, 2027)
    assert {D(2027, 1, 1), D(2027, 4, 27), D(2027, 12, 25), D(2027, 12, 26)} <= days
    assert D(2027, 3, 1) not in days


@settings(max_examples=200, deadline=None)
@given(start=st.dates(D(2025, 1, 1), D(2030, 12, 31)), days=st.integers(0, 60))
def test_due_date_is_a_working_day_exactly_n_working_days_later(start, days):
    holidays = dutch_holidays(2025, 2031)
    due = add_working_days(start, days, holidays)
    assert is_working_day(due, holidays)
    if days:
        assert working_days_between(start, due, holidays) == days
        assert due > start
    assert working_days_between(due, start, holidays) == -working_days_between(start, due, holidays)
