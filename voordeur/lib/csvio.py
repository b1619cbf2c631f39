"""Reading partner CSV files the way interfaces.md "Import files (CSV)" prescribes.

- Encoding: strict UTF-8 first (a BOM is allowed), else Windows-1252. A file with NUL bytes,
  or bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), is rejected.
- Delimiter `,` or `;`, sniffed from the header line (the one occurring more often outside
  quotes; a one-column header means `,`).
- A header row is required; column names are matched case-insensitively (surrounding spaces
  ignored); extra columns are ignored; a missing required column is an error on line 1.
- Dates are `YYYY-MM-DD` or `DD-MM-YYYY` (`parse_date`).
- Errors are collected, never raised one at a time: every problem is a `Problem(line,
  column, message)` with the *physical* line in the file (the header is line 1; a quoted
  value spanning lines puts its row on the line where it starts), formatted by callers as
  `FILE:LINE: COLUMN: problem`.

Usage (an importer):

    table = read_table(data, required=["tenancy_id", "answer", "date"], optional=["channel"])
    problems = list(table.problems)            # file-level problems (encoding, header)
    for row in table.rows:
        day = row.date("date", problems)       # None and a Problem when it is not a date
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

FILE = "-"  # the column of a problem that concerns the whole file or row
DELIMITERS = (",", ";")
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DUTCH = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    column: str
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.column}: {self.message}"


class DecodeError(ValueError):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line  # physical line of the offending byte


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (BOM allowed), else Windows-1252; DecodeError when neither fits."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError("the file contains a NUL byte", data.count(b"\n", 0, nul) + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    undefined = next((i for i, byte in enumerate(data) if byte in CP1252_UNDEFINED), None)
    if undefined is not None:
        raise DecodeError(
            f"byte 0x{data[undefined]:02X} is neither UTF-8 nor Windows-1252", data.count(b"\n", 0, undefined) + 1
        )
    return data.decode("cp1252")


def sniff_delimiter(header_line: str) -> str:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def parse_date(text: str) -> dt.date:
    """`YYYY-MM-DD` or `DD-MM-YYYY`; ValueError with a readable message otherwise."""
    value = text.strip()
    iso, dutch = _ISO.match(value), _DUTCH.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif dutch:
        day, month, year = (int(part) for part in dutch.groups())
    else:
        raise ValueError(f"{value!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a date that exists") from None


class Row(NamedTuple):  # a named tuple: built 100,000 times for a big file, cheaper than a dataclass
    line: int  # physical line where the row starts
    values: dict[str, str]  # lower-cased column name -> value (stripped)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def required(self, column: str, problems: list[Problem]) -> str | None:
        value = self.get(column)
        if not value:
            problems.append(Problem(self.line, column, "a value is required"))
            return None
        return value

    def date(self, column: str, problems: list[Problem], *, required: bool = True) -> dt.date | None:
        value = self.get(column)
        if not value:
            if required:
                problems.append(Problem(self.line, column, "a date is required"))
            return None
        try:
            return parse_date(value)
        except ValueError as error:
            problems.append(Problem(self.line, column, str(error)))
            return None


@dataclass
class Table:
    columns: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # file-level: encoding, header, row shape
    delimiter: str = ","


def read_table(data: bytes, *, required: Sequence[str], optional: Iterable[str] = ()) -> Table:
    """Decode and parse a CSV file. Rows of a file with file-level problems are not returned."""
    table = Table()
    try:
        text = decode(data)
    except DecodeError as error:
        table.problems.append(Problem(error.line, FILE, str(error)))
        return table
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        table.problems.append(Problem(1, FILE, "the header row is missing"))
        return table
    table.delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        table.problems.append(Problem(1, FILE, f"unreadable header: {error}"))
        return table
    names = [name.strip().lower() for name in header]
    table.columns = tuple(names)
    wanted = {name.lower() for name in (*required, *optional)}
    for name in sorted({n for n in names if n in wanted and names.count(n) > 1}):
        table.problems.append(Problem(1, name, "the column appears more than once"))
    for name in required:
        if name.lower() not in names:
            table.problems.append(Problem(1, name.lower(), "the column is missing"))
    if table.problems:
        return table
    index = {name: names.index(name) for name in wanted if name in names}
    # The hot loop of a big file: the wanted cells are picked and stripped in C (itemgetter,
    # map, zip), and a row is blank-checked on its first cell before joining the rest.
    keys = tuple(index)
    pick = itemgetter(*index.values()) if len(keys) > 1 else lambda cells: tuple(cells[i] for i in index.values())
    strip = str.strip
    append = table.rows.append
    width = len(names)
    previous_end = reader.line_num
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not cells or (not cells[0].strip() and not "".join(cells).strip()):
                continue  # blank lines carry no row
            if len(cells) != width:
                table.problems.append(Problem(start, FILE, f"the row has {len(cells)} fields, the header {width}"))
                continue
            append(Row(start, dict(zip(keys, map(strip, pick(cells))))))
    except csv.Error as error:
        table.problems.append(Problem(previous_end + 1, FILE, f"unreadable row: {error}"))
    return table

