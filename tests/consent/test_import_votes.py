"""`voordeur import votes FILE --proposal ID`: all or nothing, every bad line named, and the
same file twice changes nothing."""

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voordeur.audit.models import AuditEvent
from voordeur.consent.facts import proposal_tally
from voordeur.consent.models import Response
from voordeur.lib.dates import today

pytestmark = pytest.mark.django_db


def run_import(tmp_path: Path, content: bytes, *args: str, name: str = "votes.csv") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "votes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def day(days_ago: int) -> str:
    return (today() - dt.timedelta(days=days_ago)).isoformat()


def good_file() -> bytes:
    dutch = (today() - dt.timedelta(days=3)).strftime("%d-%m-%Y")
    return (f"Tenancy_ID;Answer;Date;Channel;opmerking\n"
            f"T-ons-001;Ja;{day(5)};door;x\nT-ons-002;nee;{dutch};letter;\nT-ons-003;AKKOORD;{day(2)};web;\n"
            f"T-ons-002;yes;{day(1)};phone;\n").encode("cp1252")


def test_a_good_file_is_one_audited_import_and_twice_changes_nothing(world, proposal, tmp_path):
    before = AuditEvent.objects.filter(action="import").count()
    out, _err = run_import(tmp_path, good_file(), "--proposal", str(proposal.pk))
    assert "4 rows, 4 new" in out
    assert Response.objects.filter(proposal=proposal).count() == 4
    event = AuditEvent.objects.filter(action="import").latest("seq")
    assert event.detail["rows"] == 4 and event.detail["created"] == 4 and event.detail["source"] == "Woonstede Persona"
    assert event.detail["legal_basis"] == "huurovereenkomst" and len(event.detail["sha256"]) == 64
    assert event.actor.startswith("system:") and event.category == "consent"
    standing = proposal_tally(proposal)
    assert (standing.agreed, standing.against, standing.no_response) == (3, 0, 3)  # T-ons-002 said no, then yes

    snapshot = list(Response.objects.values_list("pk", "tenancy_id", "answer", "responded_on", "channel"))
    out, _err = run_import(tmp_path, good_file(), "--proposal", str(proposal.pk))
    assert "0 new, 4 already present" in out
    assert list(Response.objects.values_list("pk", "tenancy_id", "answer", "responded_on", "channel")) == snapshot
    assert AuditEvent.objects.filter(action="import").count() == before + 2  # the attempt is audited, no data


def test_dry_run_changes_nothing(world, proposal, tmp_path):
    out, _err = run_import(tmp_path, good_file(), "--proposal", str(proposal.pk), "--dry-run")
    assert "4 new" in out and "dry run" in out and not Response.objects.filter(proposal=proposal).exists()


def test_a_bad_file_is_rejected_whole_naming_every_bad_line(world, proposal, tmp_path):
    content = (f"tenancy_id,answer,date,channel\n"
               f"T-ons-001,ja,{day(1)},door\n"
               f"T-ons-002,misschien,{day(1)},door\n"
               f"T-ONBEKEND-999,nee,{day(1)},door\n"
               f"T-ons-003,ja,31-02-2027,door\n"
               f"T-and-009,ja,{day(1)},door\n"
               f"T-ons-004,ja,{day(-3)},door\n"
               f"T-ons-005,ja,{day(60)},door\n").encode()
    with pytest.raises(CommandError) as raised:
        run_import(tmp_path, content, "--proposal", str(proposal.pk))
    assert raised.value.returncode == 1
    assert not Response.objects.filter(proposal=proposal).exists()


def test_the_problems_are_printed_as_file_line_column(world, proposal, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(f"tenancy_id,answer,date,channel\nT-ons-001,ja,{day(1)},door\nT-ONBEKEND,misschien,2027-02-30,door\n"
                     .encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "votes", str(path), "--proposal", str(proposal.pk), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        f"{path}:3: answer: unknown answer 'misschien' (ja/yes/akkoord or nee/no)",
        f"{path}:3: date: '2027-02-30' is not a date that exists",
        f"{path}:3: tenancy_id: unknown tenancy 'T-ONBEKEND' in this complex",
    ]


@pytest.mark.parametrize(("content", "line"), [
    (b"tenancy_id,answer,date,channel\nT-ons-001,ja,2026-01-01,door\nT-ons-002,n\xe9e\x81,2026-01-01,door\n", 3),
    (b"tenancy_id,answer,date,channel\nT-ons-001,ja\x00,2026-01-01,door\n", 2),
])
def test_undecodable_and_nul_bytes_reject_the_file(world, proposal, tmp_path, content, line):
    err = io.StringIO()
    path = tmp_path / "bytes.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import", "votes", str(path), "--proposal", str(proposal.pk), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(f"{path}:{line}: -: ")
    assert not Response.objects.filter(proposal=proposal).exists()


def test_usage_errors_exit_1(world, proposal, tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes(good_file())
    for args in (["meters", str(path)], ["votes", str(path)], ["votes", str(path), "--proposal", "999999"],
                 ["votes", str(path), "--proposal", str(proposal.pk), "--complex", "anderflat"],
                 ["votes", str(tmp_path / "missing.csv"), "--proposal", str(proposal.pk)]):
        with pytest.raises(CommandError) as raised:
            call_command("import", *args, stdout=io.StringIO(), stderr=io.StringIO())
        assert raised.value.returncode == 1, args
    with pytest.raises(CommandError, match="unknown kind 'meters'"):
        call_command("import", "meters", str(path))
    assert not Response.objects.filter(proposal=proposal).exists()


bad_cells = st.sampled_from(["misschien", "", "ja ja", "0", "NEEE"])
bad_dates = st.sampled_from(["2027-02-30", "30-02-2027", "", "gisteren", "2027-1-5"])
bad_tenancies = st.sampled_from(["", "T-ons-999", "T-and-009", "t-ons-001 x"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["answer", "date", "tenancy_id"])), min_size=1,
                max_size=5), st.data())
def test_any_bad_row_rejects_the_whole_file_and_names_its_line(world, proposal, tmp_path, spoilers, data):
    rows = [[f"T-ons-00{i % 6 + 1}", "ja", day(i % 5), "door"] for i in range(8)]
    bad_lines = set()
    for index, column in spoilers:
        row = rows[index * 3]
        if column == "answer":
            row[1] = data.draw(bad_cells)
        elif column == "date":
            row[2] = data.draw(bad_dates)
        else:
            row[0] = data.draw(bad_tenancies)
        bad_lines.add(index * 3 + 2)
    content = ("tenancy_id,answer,date,channel\n" + "".join(",".join(r) + "\n" for r in rows)).encode()
    err = io.StringIO()
    path = tmp_path / "h.csv"
    path.write_bytes(content)
    count = Response.objects.count()
    with pytest.raises(CommandError):
        call_command("import", "votes", str(path), "--proposal", str(proposal.pk), stdout=io.StringIO(), stderr=err)
    named = {int(line.split(":")[1]) for line in err.getvalue().splitlines()}
    assert named == bad_lines
    assert Response.objects.count() == count


def test_ten_thousand_rows(world, proposal, tmp_path, capsys):
    rows = "".join(f"T-ons-00{i % 6 + 1},{'ja' if i % 3 else 'nee'},{day(i % 9)},door-{i}\n" for i in range(10_000))
    started = time.perf_counter()
    out, _err = run_import(tmp_path, ("tenancy_id,answer,date,channel\n" + rows).encode(), "--proposal", str(proposal.pk))
    seconds = time.perf_counter() - started
    assert "10000 rows, 10000 new" in out
    with capsys.disabled():
        print(f"\nvotes import: 10,000 rows in {seconds:.2f} s ({10_000 / seconds:,.0f} rows/s)")
    assert seconds < 30
