"""The commitment figure as plain geometry for a server-rendered SVG (no script, no inline style).

Pure: one bar per partner for its kept-on-time rate (0-100%), the partner's name above its bar
and the percentage after it. Horizontal bars keep long organisation names readable on a phone.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from voordeur.referrals.commitment import PartnerCommitment

WIDTH = 400  # about a phone's width, so the text stays readable there
LEFT, RIGHT, TOP = 16, 48, 8
ROW = 46  # name line + bar + gap
BAR = 18
AXIS = 24  # room for the 0 / 50 / 100% labels at the bottom


@dataclass(frozen=True)
class Bar:
    name: str
    rate: int | None
    name_y: float
    y: float
    width: float  # 0 when nothing is decided yet
    value_x: float
    value_y: float
    value_label: str


@dataclass(frozen=True)
class CommitmentChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, percent) of the vertical grid lines
    top: int
    axis_y: float
    left: int = LEFT
    bar_height: int = BAR


def _x(percent: float) -> float:
    return round(LEFT + (WIDTH - LEFT - RIGHT) * percent / 100, 1)


def build_chart(lines: Sequence[PartnerCommitment]) -> CommitmentChart | None:
    if not lines:
        return None
    bars = []
    for i, line in enumerate(lines):
        name_y = TOP + ROW * i + 12
        y = name_y + 6
        rate = line.rate
        width = _x(rate) - LEFT if rate is not None else 0
        bars.append(Bar(name=line.owner_name, rate=rate, name_y=name_y, y=y, width=round(width, 1),
                        value_x=round(LEFT + width + 6, 1), value_y=y + 14, value_label="–" if rate is None else f"{rate}%"))
    axis_y = TOP + ROW * len(lines) + 4
    return CommitmentChart(width=WIDTH, height=int(axis_y + AXIS), bars=tuple(bars),
                           ticks=tuple((_x(p), p) for p in (0, 50, 100)), top=TOP, axis_y=axis_y)
