"""Working-day arithmetic of the schedule calendar."""

import datetime as dt

import pytest

from voordeur.works.schedule.calendar import WorkingCalendar, add_weekdays, weekdays_between

KINGS_DAY = dt.date(2027, 4, 27)  # a Tuesday
LIBERATION_DAY = dt.date(2027, 5, 5)  # a Wednesday


def calendar(start: dt.date = dt.date(2027, 3, 1), *holidays: dt.date) -> WorkingCalendar:
    return WorkingCalendar(start, frozenset(holidays))


def test_day_zero_is_the_start_date_when_it_is_a_working_day():
    assert calendar().day0 == dt.date(2027, 3, 1)
    assert calendar().date_of(0) == dt.date(2027, 3, 1)


def test_day_zero_moves_past_a_weekend_and_a_holiday():
    saturday = dt.date(2027, 4, 24)
    assert calendar(saturday, dt.date(2027, 4, 26)).day0 == KINGS_DAY


def test_weekends_are_skipped():
    plan = calendar()  # Monday 1 March 2027
    assert plan.date_of(4) == dt.date(2027, 3, 5)  # Friday
    assert plan.date_of(5) == dt.date(2027, 3, 8)  # next Monday
    assert plan.day_of(dt.date(2027, 3, 8)) == 5


def test_holidays_are_skipped_both_ways():
    plan = calendar(dt.date(2027, 4, 26), KINGS_DAY, LIBERATION_DAY)
    assert plan.date_of(1) == dt.date(2027, 4, 28)
    # 26, 28, 29, 30 April; 3, 4, 6, 7 May (27 April and 5 May are holidays)
    assert plan.date_of(7) == dt.date(2027, 5, 7)
    assert plan.day_of(dt.date(2027, 5, 7)) == 7


def test_negative_days_count_working_days_backwards():
    plan = calendar(dt.date(2027, 4, 28), KINGS_DAY)
    assert plan.date_of(-1) == dt.date(2027, 4, 26)  # Tuesday 27 April is a holiday
    assert plan.date_of(-2) == dt.date(2027, 4, 23)  # the Friday before
    assert plan.day_of(dt.date(2027, 4, 23)) == -2


def test_day_of_a_non_working_date_is_an_error():
    with pytest.raises(ValueError, match="not a working day"):
        calendar().day_of(dt.date(2027, 3, 6))
    with pytest.raises(ValueError, match="not a working day"):
        calendar(dt.date(2027, 4, 26), KINGS_DAY).day_of(KINGS_DAY)


def test_nearest_working_days_around_a_weekend():
    plan = calendar()
    saturday = dt.date(2027, 3, 6)
    assert plan.day_on_or_after(saturday) == 5
    assert plan.day_on_or_before(saturday) == 4


def test_round_trip_over_a_year_with_holidays():
    holidays = (KINGS_DAY, LIBERATION_DAY, dt.date(2027, 5, 6), dt.date(2027, 12, 27))
    plan = calendar(dt.date(2027, 3, 1), *holidays)
    dates = plan.dates_of(-30, 260)
    assert len(dates) == 291
    assert all(plan.is_working(date) for date in dates)
    assert dates == sorted(set(dates))
    for day, date in zip(range(-30, 261), dates):
        assert plan.date_of(day) == date
        assert plan.day_of(date) == day


@pytest.mark.parametrize(
    ("origin", "count", "expected"),
    [
        (dt.date(2027, 3, 5), 1, dt.date(2027, 3, 8)),  # Friday + 1
        (dt.date(2027, 3, 6), 1, dt.date(2027, 3, 8)),  # Saturday + 1
        (dt.date(2027, 3, 8), -1, dt.date(2027, 3, 5)),  # Monday - 1
        (dt.date(2027, 3, 7), -1, dt.date(2027, 3, 5)),  # Sunday - 1
        (dt.date(2027, 3, 1), 10, dt.date(2027, 3, 15)),
        (dt.date(2027, 3, 1), 0, dt.date(2027, 3, 1)),
    ],
)
def test_add_weekdays(origin, count, expected):
    assert add_weekdays(origin, count) == expected


def test_weekdays_between_counts_a_half_open_range():
    assert weekdays_between(dt.date(2027, 3, 1), dt.date(2027, 3, 8)) == 5
    assert weekdays_between(dt.date(2027, 3, 6), dt.date(2027, 3, 8)) == 0
    assert weekdays_between(dt.date(2027, 3, 8), dt.date(2027, 3, 1)) == 0
