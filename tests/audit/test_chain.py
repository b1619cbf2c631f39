"""The audit log: the hash chain's arithmetic, audit rows in the change's own transaction,
and `voordeur audit verify` on a real SQLite file edited behind the application's back."""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.personas import World
from voordeur.audit import log as audit
from voordeur.audit.chain import CHAINED_FIELDS, GENESIS, first_break, row_hash
from voordeur.audit.models import AuditEvent, AuditHead
from voordeur.households.models import ContactLogEntry, Household
from voordeur.households.services import contact_log_create, household_update
from voordeur.lib.versioning import Conflict

KEY = b"test-audit-key"

# ---------------------------------------------------------------- the pure chain functions

_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_content = st.fixed_dictionaries({
    "at": st.datetimes().map(lambda d: d.isoformat()),
    "actor_id": st.one_of(st.none(), st.integers(1, 10**6)),
    "actor": _text,
    "role": st.sampled_from(["", "broker", "director", "admin"]),
    "partner": _text,
    "action": st.sampled_from([a.value for a in AuditEvent.Action]),
    "category": st.sampled_from(["", "contact", "life_domains", "accounts"]),
    "object_type": _text,
    "object_id": _text,
    "trajectory_id": st.one_of(st.none(), st.integers(1, 1000)),
    "purpose": _text,
    "detail": st.dictionaries(st.sampled_from(["fields", "ids", "n"]), st.one_of(_text, st.integers()), max_size=2),
})


def _chain(contents: list[dict], key: bytes = KEY) -> tuple[list[dict], int, str]:
    rows, prev = [], GENESIS
    for seq, content in enumerate(contents, start=1):
        row = {**content, "seq": seq, "prev_hash": prev}
        row["hash"] = row_hash(key, prev, row)
        rows.append(row)
        prev = row["hash"]
    return rows, len(rows), prev


def _altered(value):
    if isinstance(value, dict):
        return {**value, "extra": "x"}
    if isinstance(value, int) and not isinstance(value, bool):
        return value + 1
    if value is None:
        return 1
    return value + "x"


@settings(max_examples=100)
@given(st.lists(_content, min_size=0, max_size=8))
def test_an_untouched_chain_verifies(contents) -> None:
    rows, head_seq, head_hash = _chain(contents)
    assert first_break(KEY, rows, head_seq, head_hash) is None


@settings(max_examples=100)
@given(st.lists(_content, min_size=1, max_size=8), st.data())
def test_altering_any_field_of_any_row_is_detected_at_that_row(contents, data) -> None:
    rows, head_seq, head_hash = _chain(contents)
    i = data.draw(st.integers(0, len(rows) - 1))
    name = data.draw(st.sampled_from([*CHAINED_FIELDS, "prev_hash", "hash"]))
    rows[i] = {**rows[i], name: _altered(rows[i][name])}
    broken = first_break(KEY, rows, head_seq, head_hash)
    assert broken is not None
    assert broken.seq == rows[i]["seq"]


@settings(max_examples=100)
@given(st.lists(_content, min_size=1, max_size=8), st.data())
def test_removing_any_row_is_detected(contents, data) -> None:
    rows, head_seq, head_hash = _chain(contents)
    i = data.draw(st.integers(0, len(rows) - 1))
    del rows[i]
    broken = first_break(KEY, rows, head_seq, head_hash)
    assert broken is not None
    assert broken.seq == (i + 2 if i < len(rows) else None)  # the next row, or the head after the last


@settings(max_examples=100)
@given(st.lists(_content, min_size=1, max_size=8), _content, st.data())
def test_inserting_a_row_anywhere_is_detected(contents, forged_content, data) -> None:
    rows, head_seq, head_hash = _chain(contents)
    i = data.draw(st.integers(0, len(rows)))
    how = data.draw(st.sampled_from(["copy", "wrong-key", "relinked-wrong-key"]))
    if how == "copy":
        forged = dict(rows[data.draw(st.integers(0, len(rows) - 1))])
    else:  # made without the key: with a seq and prev_hash that fit where it is put, or not
        prev = rows[i - 1]["hash"] if i else GENESIS
        forged = {**forged_content, "seq": i + 1, "prev_hash": prev if how == "relinked-wrong-key" else head_hash}
        forged["hash"] = row_hash(b"not-the-key", forged["prev_hash"], forged)
    rows.insert(i, forged)
    assert first_break(KEY, rows, head_seq, head_hash) is not None


@settings(max_examples=100)
@given(st.lists(_content, min_size=2, max_size=8), st.data())
def test_reordering_rows_is_detected(contents, data) -> None:
    rows, head_seq, head_hash = _chain(contents)
    i = data.draw(st.integers(0, len(rows) - 2))
    j = data.draw(st.integers(i + 1, len(rows) - 1))
    rows[i], rows[j] = rows[j], rows[i]
    broken = first_break(KEY, rows, head_seq, head_hash)
    assert broken is not None and broken.seq == rows[i]["seq"]


@settings(max_examples=100)
@given(st.lists(_content, min_size=1, max_size=8))
def test_a_chain_made_with_another_key_does_not_verify(contents) -> None:
    rows, head_seq, head_hash = _chain(contents, key=b"another-key")
    broken = first_break(KEY, rows, head_seq, head_hash)
    assert broken is not None and broken.seq == 1


# ---------------------------------------------------------- audit in the same transaction


def test_a_service_write_and_its_audit_row_commit_together(world: World) -> None:
    broker = world.user("broker")
    household = Household.objects.get(pk=world.households["h5"])
    household_update(household=household, by=broker, changes={"phone": "0301112233"}, expected_version=1)
    event = AuditEvent.objects.get()
    assert (event.action, event.category, event.actor, event.role) == ("update", "contact", "broker", "broker")
    assert (event.object_type, event.object_id) == ("households.household", str(household.pk))
    assert event.detail == {"fields": ["phone"]}  # names only, never the values
    assert "0301112233" not in str(event.detail) + event.purpose
    assert AuditHead.objects.get().seq == event.seq == 1
    assert audit.verify() is None


def test_a_rolled_back_write_leaves_no_audit_row(world: World) -> None:
    broker = world.user("broker")
    household = Household.objects.get(pk=world.households["h5"])
    with pytest.raises(RuntimeError), transaction.atomic():
        household_update(household=household, by=broker, changes={"name": "Teruggedraaid"}, expected_version=1)
        contact_log_create(household=household, by=broker, contacted_at=household.created_at,
                           channel=ContactLogEntry.Channel.DOOR, topic=ContactLogEntry.Topic.SUPPORT)
        assert AuditEvent.objects.count() == 2
        raise RuntimeError("the caller's transaction fails after the service returned")
    assert not AuditEvent.objects.exists()
    assert AuditHead.objects.filter(seq__gt=0).count() == 0
    household.refresh_from_db()
    assert household.name != "Teruggedraaid"
    assert not ContactLogEntry.objects.filter(household=household, partner=broker.partner).exists()


def test_a_refused_write_leaves_no_audit_row(world: World) -> None:
    household = Household.objects.get(pk=world.households["h5"])
    with pytest.raises(Conflict):
        household_update(household=household, by=world.user("broker"), changes={"name": "Te laat"},
                         expected_version=7)
    assert not AuditEvent.objects.exists()


# ------------------------------------------- `voordeur audit verify` on a real SQLite file


def _voordeur(*args: str, env: dict) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("voordeur")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "voordeur"]
    return subprocess.run([*command, *args], env=env, capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)


def _env(var_dir: Path, db: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOORDEUR_", "DATABASE_URL", "DJANGO_"))}
    return {**env, "VOORDEUR_VAR_DIR": str(var_dir), "DATABASE_URL": f"sqlite:///{db}",
            "VOORDEUR_AUDIT_KEY": "end-to-end-audit-key", "VOORDEUR_SECRET_KEY": "end-to-end-secret-key"}


def _edit(db: Path, *statements: str) -> None:
    con = sqlite3.connect(db)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def test_audit_verify_on_a_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "voordeur.sqlite3"
    env = _env(tmp_path / "var", db)
    migrated = _voordeur("migrate", "-v0", env=env)
    assert migrated.returncode == 0, migrated.stderr
    made = _voordeur("shell", "-c", (
        "from voordeur.audit import log\n"
        "for i in range(1, 6):\n"
        "    log.record(None, 'update', category='places', object_type='places.unit', object_id=i,"
        " purpose=f'event {i}', detail={'fields': ['street']})\n"
    ), env=env)
    assert made.returncode == 0, made.stderr
    intact = _voordeur("audit", "verify", env=env)
    assert intact.returncode == 0, intact.stderr
    assert "5 events" in intact.stdout

    _edit(db, "PRAGMA wal_checkpoint(TRUNCATE)")
    cases = {
        "altered-purpose": (["UPDATE audit_auditevent SET purpose = 'iets anders' WHERE seq = 3"], "seq 3"),
        "altered-actor": (["UPDATE audit_auditevent SET actor = 'iemand' WHERE seq = 2"], "seq 2"),
        "deleted": (["DELETE FROM audit_auditevent WHERE seq = 3"], "seq 4"),
        "last-deleted": (["DELETE FROM audit_auditevent WHERE seq = 5"], "head"),
    }
    for name, (statements, where) in cases.items():
        copy = tmp_path / f"{name}.sqlite3"
        shutil.copyfile(db, copy)
        _edit(copy, *statements)
        result = _voordeur("audit", "verify", env=_env(tmp_path / "var", copy))
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        assert f"broken at {where}:" in result.stderr, (name, result.stderr)
