"""A horizontal bar chart as plain geometry for a server-rendered SVG (no script, no inline
style): one bar per figure, its label above it and its value after it.

Pure: (label, shown value) in, coordinates out. Only exact counts get a bar; a hidden figure
("<5", "x") gets no bar, only its marker, so the chart never hints at what the table hides.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 360  # viewBox units; the SVG scales to its box, so on a phone 1 unit is about 1 px
FONT_SIZE = 15
ROW = 46  # height of one label + bar
LABEL_BASELINE = 16
BAR_TOP = 22
BAR_HEIGHT = 16
VALUE_ROOM = 48  # right of the longest bar, for its value
LONGEST_LABEL = 40  # characters; longer labels are cut (the table beside the chart has them whole)


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown: "12", "0", "<5", "x"
    hidden: bool
    width: float
    label_y: float
    bar_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_height: int
    bars: tuple[Bar, ...]
    font_size: int = FONT_SIZE

    @property
    def description(self) -> str:
        return "; ".join(f"{bar.label}: {bar.value}" for bar in self.bars)


def bar_chart(items: Sequence[tuple[str, int | str]]) -> BarChart | None:
    """The chart of these figures, or None when there is nothing to draw (no figures, or all 0)."""
    if not items or all(value == 0 for _label, value in items):
        return None
    top = max((value for _label, value in items if isinstance(value, int)), default=0) or 1
    inner = WIDTH - VALUE_ROOM
    bars = []
    for i, (label, value) in enumerate(items):
        exact = isinstance(value, int)
        width = round(inner * value / top, 1) if exact else 0.0
        y = i * ROW
        label = str(label)
        if len(label) > LONGEST_LABEL:
            label = label[: LONGEST_LABEL - 1].rstrip() + "…"
        bars.append(Bar(label=label, value=str(value), hidden=not exact, width=width,
                        label_y=y + LABEL_BASELINE, bar_y=y + BAR_TOP, value_x=round(width + 6, 1),
                        value_y=y + BAR_TOP + BAR_HEIGHT - 3))
    return BarChart(width=WIDTH, height=len(items) * ROW, bar_height=BAR_HEIGHT, bars=tuple(bars))
