"""The door grid as plain data: floors (top first) x front doors, each coloured by one value.

Pure: no database, no request. Layers compute a value per door; `build_grid` lays the doors
out and counts the legend.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

NO_COLOUR = "vd-c-none"
COLOURS = tuple(f"vd-c{i}" for i in range(10))


@dataclass(frozen=True)
class Door:
    """One front door (unit) as far as the places category goes."""

    unit_id: int
    floor: int
    number: int
    letter: str = ""
    addition: str = ""
    street: str = ""
    portiek: str = ""
    kind: str = "home"
    occupied: bool = False

    @property
    def house_number(self) -> str:
        return f"{self.number}{self.letter}{'-' + self.addition if self.addition else ''}"

    @property
    def address(self) -> str:
        return f"{self.street} {self.house_number}".strip()

    @property
    def order(self) -> tuple:
        return (self.number, self.letter, self.addition, self.unit_id)


@dataclass(frozen=True)
class LegendEntry:
    value: str
    label: str
    colour: str
    short: str  # the text shown inside a cell, next to the house number
    hide_when_empty: bool = False  # left out of the legend while no door has it


@dataclass(frozen=True)
class Cell:
    door: Door
    entry: LegendEntry
    household_id: int | None = None  # the household page it links to; None: not a link


@dataclass(frozen=True)
class FloorRow:
    floor: int
    cells: tuple[Cell, ...]
    padding: int = 0  # empty cells after the doors, so every row has the grid's width


@dataclass(frozen=True)
class LegendCount:
    entry: LegendEntry
    count: int


@dataclass(frozen=True)
class Grid:
    floors: tuple[FloorRow, ...]
    legend: tuple[LegendCount, ...]
    width: int = 0
    doors: int = field(default=0)


def build_grid(
    doors: Sequence[Door],
    values: Mapping[int, str],
    legend: Sequence[LegendEntry],
    links: Mapping[int, int] | None = None,
) -> Grid:
    """Lay `doors` out as floors (top floor first) x doors ordered by house number.

    values: unit id -> legend value, one for every door.
    links: unit id -> household id, for the doors whose household the user may open.
    """
    links = links or {}
    entries = {entry.value: entry for entry in legend}
    if len(entries) != len(legend):
        raise ValueError("legend values must be unique")
    by_floor: dict[int, list[Cell]] = {}
    for door in doors:
        value = values.get(door.unit_id)
        if value not in entries:
            raise ValueError(f"unit {door.unit_id} has value {value!r}, which is not in the legend")
        by_floor.setdefault(door.floor, []).append(Cell(door, entries[value], links.get(door.unit_id)))
    width = max((len(cells) for cells in by_floor.values()), default=0)
    floors = tuple(
        FloorRow(floor, tuple(sorted(cells, key=lambda cell: cell.door.order)), width - len(cells))
        for floor, cells in sorted(by_floor.items(), reverse=True)
    )
    counts = Counter(values[door.unit_id] for door in doors)
    shown = tuple(
        LegendCount(entry, counts[entry.value])
        for entry in legend
        if counts[entry.value] or not entry.hide_when_empty
    )
    return Grid(floors=floors, legend=shown, width=width, doors=len(doors))
