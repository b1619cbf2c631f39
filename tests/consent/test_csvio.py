"""voordeur.lib.csvio: encodings, delimiters, columns, dates and physical line numbers."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voordeur.lib.csvio import DecodeError, Problem, decode, parse_date, read_table

COLUMNS = ["tenancy_id", "answer", "date"]


def test_utf8_with_bom_and_semicolons_and_case_insensitive_columns():
    data = "\ufeffTenancy_ID;ANSWER;Date;extra\nT-1;ja;2027-01-05;x\n".encode()
    table = read_table(data, required=COLUMNS)
    assert not table.problems and table.delimiter == ";"
    assert table.rows[0].values == {"tenancy_id": "T-1", "answer": "ja", "date": "2027-01-05"}
    assert table.rows[0].line == 2


def test_windows_1252_when_not_utf8():
    data = "tenancy_id,answer,date,name\nT-1,ja,05-01-2027,Josè Müller €\n".encode("cp1252")
    assert decode(data).endswith("Josè Müller €\n")
    assert read_table(data, required=COLUMNS).rows[0].get("date") == "05-01-2027"


@pytest.mark.parametrize(("data", "line"), [
    (b"tenancy_id,answer,date\nT-1,ja,2027-01-05\nT-2,n\x00ee,2027-01-05\n", 3),
    (b"tenancy_id,answer,date\nT-1,ja,2027-01-05\n\nT-2,\x81,2027-01-05\n", 4),
])
def test_nul_and_undefined_bytes_reject_the_file_naming_the_line(data, line):
    with pytest.raises(DecodeError):
        decode(data)
    table = read_table(data, required=COLUMNS)
    assert not table.rows and [p.line for p in table.problems] == [line]


def test_missing_and_duplicate_columns_are_header_problems():
    table = read_table(b"Tenancy_id,tenancy_id,datum\n", required=COLUMNS)
    assert sorted(table.problems) == [Problem(1, "answer", "the column is missing"),
                                      Problem(1, "date", "the column is missing"),
                                      Problem(1, "tenancy_id", "the column appears more than once")]
    assert read_table(b"", required=COLUMNS).problems == [Problem(1, "-", "the header row is missing")]


def test_physical_lines_with_quoted_newlines_blank_lines_and_crlf():
    data = b'tenancy_id,answer,date,note\r\nT-1,ja,2027-01-05,"two\r\nlines"\r\n\r\nT-2,nee,2027-01-06,x\r\nT-3,ja\r\n'
    table = read_table(data, required=COLUMNS)
    assert [row.line for row in table.rows] == [2, 5]
    assert table.problems == [Problem(6, "-", "the row has 2 fields, the header 4")]


def test_dates_both_forms_and_impossible_ones():
    assert parse_date("2027-02-10") == parse_date("10-02-2027") == dt.date(2027, 2, 10)
    for bad in ("31-02-2027", "2027-13-01", "2027/02/10", "10-2-2027", "morgen", ""):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_row_helpers_collect_problems():
    table = read_table(b"tenancy_id,answer,date\n,ja,31-02-2027\n", required=COLUMNS)
    problems: list[Problem] = []
    row = table.rows[0]
    assert row.required("tenancy_id", problems) is None and row.date("date", problems) is None
    assert [p.format("votes.csv") for p in problems] == [
        "votes.csv:2: tenancy_id: a value is required",
        "votes.csv:2: date: '31-02-2027' is not a date that exists",
    ]


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cells, cells, cells), max_size=8), st.sampled_from([",", ";"]),
       st.sampled_from(["utf-8", "utf-8-sig"]))
def test_any_written_file_reads_back_with_its_lines(rows, delimiter, encoding):
    import csv
    import io

    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    lines, line = [], 2
    for row in rows:
        writer.writerow(row)
        if any(cell.strip() for cell in row):
            lines.append(line)
        line += sum(cell.count("\n") for cell in row) + 1
    table = read_table(out.getvalue().encode(encoding), required=COLUMNS)
    assert not table.problems and table.delimiter == delimiter
    kept = [row for row in rows if any(cell.strip() for cell in row)]
    assert [r.line for r in table.rows] == lines
    assert [tuple(r.values[c] for c in COLUMNS) for r in table.rows] == [tuple(c.strip() for c in row) for row in kept]
