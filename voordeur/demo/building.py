"""The demo building: a 9-storey gallery flat on the Nigerdreef with 180 front doors.

Each floor (0 = ground floor to 8) has 20 doors along its gallery, reached from three
entrances: portiek A (doors 1-7), B (8-14) and C (15-20). The ground floor also holds the
residents' room, the day room and four guest homes, so 174 doors are homes.
"""

import random

from voordeur.places.models import Complex, Portiek, Unit

STREET = "Nigerdreef"
CITY = "Utrecht"
FLOORS = range(9)
DOORS_PER_FLOOR = 20
PORTIEK_DOORS: dict[str, range] = {"A": range(1, 8), "B": range(8, 15), "C": range(15, 21)}
# (floor, door) -> kind, for the doors that are not homes.
SPECIAL_UNITS: dict[tuple[int, int], str] = {
    (0, 1): Unit.Kind.OTHER,  # bewonersruimte
    (0, 2): Unit.Kind.GUEST_HOME,
    (0, 3): Unit.Kind.GUEST_HOME,
    (0, 10): Unit.Kind.DAY_ROOM,
    (0, 16): Unit.Kind.GUEST_HOME,
    (0, 17): Unit.Kind.GUEST_HOME,
}
# One postcode per gallery (floor), as PostNL numbers a street side in short ranges.
POSTCODE_LETTERS = "ABCDEGHJK"
UTRECHT_BAG_PREFIX = "034401"  # municipality code + object type "verblijfsobject"


def portiek_of(door: int) -> str:
    return next(code for code, doors in PORTIEK_DOORS.items() if door in doors)


def unit_id(portiek: str, floor: int, door: int) -> str:
    return f"ND-{portiek}-{floor:02d}-{door:02d}"


def build_complex(corporation) -> Complex:
    return Complex(
        slug="nigerdreef", name="Nigerdreef", city=CITY, neighbourhood="Overvecht",
        kind=Complex.Kind.GALLERY, storeys=len(FLOORS), built_year=1968, corporation=corporation,
    )


def build_portieken(complex_: Complex) -> dict[str, Portiek]:
    return {
        code: Portiek(complex=complex_, code=code, name=f"Portiek {code} ({STREET}, deuren {doors[0]}-{doors[-1]})")
        for code, doors in PORTIEK_DOORS.items()
    }


def build_units(rng: random.Random, complex_: Complex, portieken: dict[str, Portiek]) -> list[Unit]:
    """All 180 units, floor by floor, door by door, with consecutive synthetic BAG ids."""
    bag_base = rng.randrange(1_000_000_000, 8_000_000_000)
    units = []
    for floor in FLOORS:
        for door in range(1, DOORS_PER_FLOOR + 1):
            index = floor * DOORS_PER_FLOOR + door
            code = portiek_of(door)
            units.append(Unit(
                complex=complex_, portiek=portieken[code], unit_id=unit_id(code, floor, door),
                kind=SPECIAL_UNITS.get((floor, door), Unit.Kind.HOME), floor=floor,
                street=STREET, number=index, postcode=f"3563 H{POSTCODE_LETTERS[floor]}", city=CITY,
                bag_id=f"{UTRECHT_BAG_PREFIX}{bag_base + index:010d}",
            ))
    return units
