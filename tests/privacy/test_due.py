"""The retention arithmetic (voordeur/privacy/due.py): plain functions, no database."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.privacy.due import (
    due_before,
    is_due,
    last_due_anchor,
    local_day,
    phase_anchor,
    resolve_periods,
)

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 3, 30)  # the day after the switch to summer time


def test_a_row_is_due_on_the_day_its_period_has_passed() -> None:
    contacted = dt.date(2024, 3, 30)
    assert not is_due(contacted, 730, dt.date(2026, 3, 29))
    assert is_due(contacted, 730, dt.date(2026, 3, 30))
    assert is_due(contacted, 730, dt.date(2026, 3, 31))


def test_a_leap_day_counts() -> None:
    assert not is_due(dt.date(2024, 2, 1), 365, dt.date(2025, 1, 30))
    assert is_due(dt.date(2024, 2, 1), 365, dt.date(2025, 1, 31))  # 2024 had 29 February


def test_without_an_anchor_nothing_is_due() -> None:
    assert not is_due(None, 0, TODAY)


def test_a_period_of_zero_days_is_due_the_same_day() -> None:
    assert is_due(TODAY, 0, TODAY)
    assert not is_due(TODAY + dt.timedelta(days=1), 0, TODAY)


@settings(max_examples=300, deadline=None)
@given(anchor=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)), days=st.integers(0, 4000),
       today=st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))
def test_the_database_cut_off_says_the_same_as_is_due(anchor: dt.date, days: int, today: dt.date) -> None:
    assert (anchor <= last_due_anchor(days, today)) == is_due(anchor, days, today)


@settings(max_examples=300, deadline=None)  # the first example loads the time zone
@given(moment=st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2035, 12, 31), timezones=st.just(dt.UTC)),
       days=st.integers(0, 1000))
def test_the_moment_cut_off_follows_the_local_calendar_day(moment: dt.datetime, days: int) -> None:
    """A contact at 00:30 Amsterdam time belongs to that Amsterdam day, also across DST."""
    assert (moment < due_before(days, TODAY, AMS)) == is_due(local_day(moment, AMS), days, TODAY)


def test_a_moment_just_after_local_midnight_belongs_to_the_new_day() -> None:
    cut = due_before(1, TODAY, AMS)  # due: contacts on 29 March (local) or earlier
    assert cut == dt.datetime(2026, 3, 30, 0, 0, tzinfo=AMS)
    assert dt.datetime(2026, 3, 29, 21, 59, tzinfo=dt.UTC) < cut  # 23:59 local, summer time
    assert not dt.datetime(2026, 3, 29, 22, 0, tzinfo=dt.UTC) < cut  # 00:00 local


def test_a_complex_is_anchored_at_its_latest_trajectory_end() -> None:
    assert phase_anchor([dt.date(2025, 1, 1), dt.date(2025, 6, 1)]) == dt.date(2025, 6, 1)


def test_a_running_trajectory_or_none_at_all_keeps_everything() -> None:
    assert phase_anchor([dt.date(2025, 1, 1), None]) is None
    assert phase_anchor([]) is None


def test_configured_periods_override_the_defaults() -> None:
    assert resolve_periods({"contact": 365, "contacts_log": 730}, {"contacts_log": 90}) == {
        "contact": 365, "contacts_log": 90}


@pytest.mark.parametrize("configured", [{"contact_log": 90}, {"contact": -1}, {"contact": True}, {"contact": "30"}])
def test_unknown_categories_and_bad_numbers_are_refused(configured: dict) -> None:
    with pytest.raises(ValueError):
        resolve_periods({"contact": 365}, configured)
