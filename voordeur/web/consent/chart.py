"""The consent chart as plain geometry for a server-rendered SVG (no script, no inline style).

Pure: day points in, coordinates out. The y axis is percent agreed of the tenants counted
that day (0-100); a dashed line marks the 70% threshold.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from voordeur.consent.tally import THRESHOLD_PERCENT, DayPoint

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 28


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    agreed_points: str  # the polyline's `points`
    against_points: str
    threshold_y: float
    grid: tuple[tuple[float, int], ...]  # (y, percent) of the horizontal grid lines
    first_label: str
    last_label: str
    left: int = LEFT
    right: float = WIDTH - RIGHT
    bottom: float = HEIGHT - BOTTOM


def _y(percent: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - percent / 100), 1)


def build_chart(points: Sequence[DayPoint]) -> Chart | None:
    if not points:
        return None
    span = max(len(points) - 1, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(i: int) -> float:
        return round(LEFT + inner * i / span, 1)

    def share(n: int, total: int) -> float:
        return 100 * n / total if total else 0.0

    agreed = " ".join(f"{x(i)},{_y(share(p.agreed, p.tenants))}" for i, p in enumerate(points))
    against = " ".join(f"{x(i)},{_y(share(p.against, p.tenants))}" for i, p in enumerate(points))
    return Chart(
        width=WIDTH, height=HEIGHT, agreed_points=agreed, against_points=against,
        threshold_y=_y(THRESHOLD_PERCENT), grid=tuple((_y(v), v) for v in (0, 25, 50, 75, 100)),
        first_label=points[0].day.strftime("%d-%m"), last_label=points[-1].day.strftime("%d-%m"),
    )
