"""The bar chart's geometry and the visits reports' periods: pure functions."""

import datetime as dt

import pytest

from voordeur.aggregates.period import Period, last_months, months_back, until
from voordeur.web.scan.chart import LONGEST_LABEL, VALUE_ROOM, WIDTH, bar_chart


def test_bars_scale_to_the_largest_exact_count_and_hidden_figures_get_no_bar() -> None:
    chart = bar_chart([("nl", 20), ("tr", "<5"), ("ar", 10), ("so", "x"), ("pl", 0)])
    widths = {bar.label: bar.width for bar in chart.bars}
    assert widths == {"nl": WIDTH - VALUE_ROOM, "tr": 0, "ar": (WIDTH - VALUE_ROOM) / 2, "so": 0, "pl": 0}
    assert [bar.hidden for bar in chart.bars] == [False, True, False, True, False]
    assert [bar.value for bar in chart.bars] == ["20", "<5", "10", "x", "0"]
    assert chart.description == "nl: 20; tr: <5; ar: 10; so: x; pl: 0"
    assert chart.height == 5 * (chart.bars[1].label_y - chart.bars[0].label_y)


def test_nothing_to_draw_is_no_chart_and_long_labels_are_cut() -> None:
    assert bar_chart([]) is None
    assert bar_chart([("a", 0), ("b", 0)]) is None
    only_hidden = bar_chart([("a", "<5")])
    assert only_hidden is not None and only_hidden.bars[0].width == 0
    [bar] = bar_chart([("Stichting " + "heel lang " * 8, 3)]).bars
    assert len(bar.label) == LONGEST_LABEL and bar.label.endswith("…")


@pytest.mark.parametrize(("day", "months", "start"), [
    (dt.date(2026, 5, 15), 3, dt.date(2026, 2, 16)),
    (dt.date(2026, 5, 31), 3, dt.date(2026, 3, 1)),  # 28 February + 1 day
    (dt.date(2026, 1, 10), 3, dt.date(2025, 10, 11)),
    (dt.date(2024, 12, 31), 12, dt.date(2024, 1, 1)),
])
def test_months_back(day, months, start) -> None:
    assert months_back(day, months) == start


def test_periods() -> None:
    today = dt.date(2026, 5, 15)
    assert last_months(today) == Period(dt.date(2026, 2, 16), today)
    assert until(today) == Period(None, today)
    assert until(today).contains(dt.date(2001, 1, 1)) and not until(today).contains(dt.date(2026, 5, 16))
    assert not last_months(today).contains(dt.date(2026, 2, 15)) and last_months(today).contains(dt.date(2026, 2, 16))
    with pytest.raises(ValueError):
        Period(dt.date(2026, 5, 16), today)
