"""The contact-load rule (pure): approaches in the window, warn at the limit."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.lib.contact_load import Approach, contact_load

NOW = dt.datetime(2027, 3, 15, 12, 0, tzinfo=dt.UTC)


def ago(days: float, partner: str = "Buurtteam") -> Approach:
    return Approach(at=NOW - dt.timedelta(days=days), partner=partner)


def test_two_approaches_in_fourteen_days_warn_by_default():
    load = contact_load([ago(1, "Welzijn"), ago(10, "Gemeente")], now=NOW)
    assert load.count == 2 and load.warn
    assert [a.partner for a in load.recent] == ["Welzijn", "Gemeente"]  # newest first


def test_one_approach_does_not_warn():
    assert not contact_load([ago(3)], now=NOW).warn


def test_old_and_future_approaches_do_not_count():
    load = contact_load([ago(14), ago(20), ago(-1), ago(13.9)], now=NOW)
    assert load.count == 1 and not load.warn


def test_limit_and_window_are_configurable():
    approaches = [ago(1), ago(5), ago(25)]
    assert not contact_load(approaches, now=NOW, limit=3).warn
    assert contact_load(approaches, now=NOW, limit=3, window_days=30).warn


def test_nonsense_configuration_is_refused():
    with pytest.raises(ValueError):
        contact_load([], now=NOW, limit=0)


@settings(max_examples=150, deadline=None)
@given(hours=st.lists(st.integers(-120, 960), max_size=12), limit=st.integers(1, 5), window=st.integers(1, 30))
def test_count_is_the_number_in_the_window_and_warn_is_count_at_limit(hours, limit, window):
    load = contact_load([ago(h / 24) for h in hours], now=NOW, limit=limit, window_days=window)
    assert load.count == sum(1 for h in hours if 0 <= h < window * 24)
    assert load.warn == (load.count >= limit)
