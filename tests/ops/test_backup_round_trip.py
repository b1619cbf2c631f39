"""`voordeur backup` then `voordeur restore` on the test database itself (Django's connection):
every row of every model comes back, and the audit chain is the backup's, intact, with the
restore appended.

Transactional tests: the data must be committed for pg_dump to see it (and no module-wide
persona world may be open). The SQLite one runs on the SQLite run, the PostgreSQL one on
the PostgreSQL run; CI runs both.
"""

import io
import json
import stat
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from tests.personas import build_world
from voordeur.accounts.models import ApiToken, User
from voordeur.accounts.tokens import token_issue
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent, AuditHead
from voordeur.households.models import ContactLogEntry, Household
from voordeur.households.services import contact_log_create, household_update
from voordeur.ops import engines
from voordeur.ops.backup import read_manifest

AUDIT_MODELS = {"audit.AuditEvent", "audit.AuditHead"}


def full_dump() -> dict[str, list[dict]]:
    """Every row of every model (many-to-many tables included), serialized as dumpdata does."""
    return {
        model._meta.label: json.loads(serializers.serialize("json", model._base_manager.order_by("pk")))
        for model in apps.get_models(include_auto_created=True)
    }


def _make_data():
    """The persona world plus changes made through services, so the audit chain has events."""
    world = build_world()
    broker = world.user("broker")
    household = Household.objects.get(pk=world.households["h5"])
    household_update(household=household, by=broker, changes={"phone": "0301112233"}, expected_version=1)
    contact_log_create(household=household, by=broker, contacted_at=timezone.now(),
                       channel=ContactLogEntry.Channel.DOOR, topic=ContactLogEntry.Topic.SUPPORT)
    token_issue(user=broker)
    return world


def _round_trip(tmp_path: Path, monkeypatch) -> list[tuple[list[str], dict]]:
    """The round trip; returns the client tools it ran (command line, environment)."""
    ran = []
    real_run = engines.subprocess.run

    def spy(command, **kwargs):
        ran.append((list(command), dict(kwargs.get("env") or {})))
        return real_run(command, **kwargs)

    monkeypatch.setattr(engines.subprocess, "run", spy)
    world = _make_data()
    assert audit.verify() is None and AuditEvent.objects.count() >= 3
    before = full_dump()
    path = tmp_path / "voordeur.vdbackup"

    out = io.StringIO()
    started = time.monotonic()
    call_command("backup", str(path), stdout=out)
    print(f"backup: {time.monotonic() - started:.2f} s, {path.stat().st_size} bytes")
    assert out.getvalue().splitlines()[-1] == str(path.resolve())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    manifest = read_manifest(path)
    assert manifest.engine == connection.vendor
    assert (manifest.audit_seq, manifest.audit_hash) == (before["audit.AuditHead"][0]["fields"]["seq"],
                                                         before["audit.AuditHead"][0]["fields"]["hash"])
    export = AuditEvent.objects.order_by("seq").last()  # making the backup is audited, after the copy
    assert (export.action, export.seq, export.detail["file"]) == ("export", manifest.audit_seq + 1, path.name)

    # change, add and delete data; damage the audit log
    household = Household.objects.get(pk=world.households["h1"])
    household_update(household=household, by=world.user("broker"), changes={"name": "Fam. Veranderd"},
                     expected_version=household.version)
    ContactLogEntry.objects.filter(household_id=world.households["h1"]).delete()
    User.objects.filter(username="outsider").delete()
    ApiToken.objects.all().delete()
    AuditEvent.objects.filter(seq=2).delete()
    assert audit.verify() is not None
    assert full_dump() != before

    out = io.StringIO()
    started = time.monotonic()
    call_command("restore", str(path), "--yes", stdout=out)
    print(f"restore: {time.monotonic() - started:.2f} s")
    after = full_dump()
    assert {k: v for k, v in after.items() if k not in AUDIT_MODELS} == {
        k: v for k, v in before.items() if k not in AUDIT_MODELS}
    assert after["audit.AuditEvent"][:-1] == before["audit.AuditEvent"]  # the backup's log, exactly
    restore = AuditEvent.objects.order_by("seq").last()
    assert (restore.action, restore.seq) == ("restore", manifest.audit_seq + 1)
    assert restore.detail["chain_intact"] is True and restore.detail["file"] == path.name
    assert (AuditHead.objects.get().seq, AuditHead.objects.get().hash) == (restore.seq, restore.hash)
    assert audit.verify() is None
    assert f"audit chain intact: {manifest.audit_seq + 1} events" in out.getvalue()
    # the restored database takes new writes (sequences restored too)
    contact_log_create(household=household, by=world.user("broker"), contacted_at=timezone.now(),
                       channel=ContactLogEntry.Channel.PHONE, topic=ContactLogEntry.Topic.SUPPORT)
    assert audit.verify() is None
    return ran


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the test database is not SQLite (CI runs a SQLite pass)")
def test_sqlite_round_trip_gives_back_every_row_and_an_intact_chain(tmp_path: Path, monkeypatch) -> None:
    assert _round_trip(tmp_path, monkeypatch) == []  # the sqlite3 backup API, no external tool


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the test database is not PostgreSQL (CI runs a PostgreSQL pass with DATABASE_URL)")
def test_postgresql_round_trip_gives_back_every_row_and_an_intact_chain(tmp_path: Path, monkeypatch) -> None:
    ran = _round_trip(tmp_path, monkeypatch)
    assert [Path(command[0]).name for command, _ in ran] == ["pg_dump", "pg_restore"]
    db = connection.settings_dict
    for command, env in ran:
        # credentials and the connection go through the environment, never the command line
        assert env["PGPASSWORD"] == db["PASSWORD"] and env["PGDATABASE"] == db["NAME"]
        assert not any(db["PASSWORD"] in argument for argument in command), command
        connection_flags = ("-h", "-p", "-U", "-W", "-d", "--host", "--port", "--username", "--password")
        named = [a for a in command if a.startswith(connection_flags) or a.startswith("--dbname=") and a != "--dbname="]
        assert not named, command
    assert "--format=custom" in ran[0][0]
    assert {"--clean", "--if-exists", "--no-owner", "--single-transaction"} <= set(ran[1][0])




@pytest.mark.django_db(transaction=True)
def test_a_restore_whose_chain_does_not_verify_exits_1_and_is_still_recorded(tmp_path: Path, settings) -> None:
    """Restoring with another VOORDEUR_AUDIT_KEY than the backup was made with: the data is
    back, but the chain does not verify here — said loudly (exit 1), and the restore is logged."""
    _make_data()
    path = tmp_path / "voordeur.vdbackup"
    call_command("backup", str(path), stdout=io.StringIO())
    head = read_manifest(path).audit_seq
    settings.AUDIT_KEY = "een-andere-sleutel"
    with pytest.raises(CommandError) as broken:
        call_command("restore", str(path), "--yes", stdout=io.StringIO())
    assert broken.value.returncode == 1
    assert "audit chain broken at seq 1" in str(broken.value)
    restore = AuditEvent.objects.order_by("seq").last()
    assert (restore.action, restore.seq, restore.detail["chain_intact"]) == ("restore", head + 1, False)
