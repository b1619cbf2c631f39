"""`voordeur backup` / `voordeur restore`: what cannot be restored is refused with exit 1 before
anything changes, and the commands work as real processes on a SQLite file. The round trips
on the test database are in test_backup_round_trip.py."""

import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.ops.test_backup_round_trip import full_dump
from voordeur.ops.backup import FORMAT, MAGIC, BackupError, backup_restore, migrations_sha256
from voordeur.ops import engines
from voordeur.ops.engines import ENGINES

REPO = Path(__file__).resolve().parents[2]
OTHER_ENGINE = {"sqlite": "postgresql", "postgresql": "sqlite"}


# --- refusals: nothing changes, exit 1 ---------------------------------------------------------


def _fake_backup(path: Path, payload: bytes = b"payload", **overrides) -> Path:
    """A backup file with a valid header for this database (or with the overrides)."""
    from django.db.migrations.recorder import MigrationRecorder

    applied = sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())
    manifest = {
        "format": FORMAT, "engine": connection.vendor, "created_at": "2026-11-27T10:00:00+00:00",
        "migrations_sha256": migrations_sha256(applied), "applied_migrations": applied,
        "audit_seq": 0, "audit_hash": "0" * 64,
        "payload_bytes": len(payload), "payload_sha256": hashlib.sha256(payload).hexdigest(), **overrides,
    }
    path.write_bytes(MAGIC + json.dumps(manifest).encode() + b"\n" + payload)
    return path


def _refused(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command(*args, stdout=io.StringIO())
    assert refused.value.returncode == 1
    return str(refused.value)


def test_a_backup_of_the_other_engine_is_refused(world, tmp_path: Path) -> None:
    other = OTHER_ENGINE[connection.vendor]
    path = _fake_backup(tmp_path / "other.vdbackup", engine=other)
    before = full_dump()
    message = _refused("restore", str(path), "--yes")
    assert f"this is a {ENGINES[other]} backup, but this Voordeur uses {ENGINES[connection.vendor]}" in message
    assert full_dump() == before


def test_a_damaged_or_foreign_file_is_refused(world, tmp_path: Path) -> None:
    good = _fake_backup(tmp_path / "good.vdbackup")
    damaged = tmp_path / "damaged.vdbackup"
    damaged.write_bytes(good.read_bytes()[:-1] + b"X")
    truncated = tmp_path / "truncated.vdbackup"
    truncated.write_bytes(good.read_bytes()[:-3])
    foreign = tmp_path / "foreign.sql"
    foreign.write_text("CREATE TABLE x (id int);\n")
    before = full_dump()
    assert "damaged or incomplete" in _refused("restore", str(damaged), "--yes")
    assert "damaged or incomplete" in _refused("restore", str(truncated), "--yes")
    assert "not a Voordeur backup" in _refused("restore", str(foreign), "--yes")
    assert "format 99" in _refused("restore", str(_fake_backup(tmp_path / "f.vdbackup", format=99)), "--yes")
    assert "No such file" in _refused("restore", str(tmp_path / "missing.vdbackup"), "--yes")
    # the restore itself checks the bytes it restores too (the file may change after the command's check)
    with pytest.raises(BackupError, match="damaged or incomplete"):
        backup_restore(path=damaged)
    assert full_dump() == before


def test_a_backup_of_a_newer_voordeur_is_refused(world, tmp_path: Path) -> None:
    path = _fake_backup(tmp_path / "newer.vdbackup")
    manifest = json.loads(path.read_bytes().split(b"\n")[1])
    path = _fake_backup(tmp_path / "newer2.vdbackup",
                        applied_migrations=[*manifest["applied_migrations"], "audit.9999_from_the_future"])
    assert "audit.9999_from_the_future" in _refused("restore", str(path), "--yes")


def test_restore_without_yes_and_without_a_terminal_is_refused(world, tmp_path: Path) -> None:
    path = _fake_backup(tmp_path / "ok.vdbackup")
    before = full_dump()
    assert "pass --yes" in _refused("restore", str(path))
    assert full_dump() == before


def test_usage_errors_and_an_existing_target_exit_1(db, tmp_path: Path) -> None:
    assert "the following arguments are required: file" in _refused("restore")
    assert "unrecognized arguments" in _refused("backup", "a.vdbackup", "b.vdbackup")
    existing = tmp_path / "exists.vdbackup"
    existing.write_text("earlier backup")
    assert "never overwritten" in _refused("backup", str(existing))
    assert existing.read_text() == "earlier backup"


# --- the real command line on a real SQLite file (WAL mode, as production runs it) -----------


def _voordeur(*args: str, env: dict, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "voordeur", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.umask(umask))


def test_the_commands_on_a_sqlite_file(tmp_path: Path) -> None:
    """Real processes: exit codes, the default path, file modes even under umask 000, and a
    restore into a file database in WAL mode (as `make demo` and small deployments run)."""
    db = tmp_path / "voordeur.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOORDEUR_", "DATABASE_URL", "DJANGO_"))}
    env.update({"VOORDEUR_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{db}",
                "VOORDEUR_AUDIT_KEY": "backup-cli-audit-key", "VOORDEUR_SECRET_KEY": "backup-cli-secret-key"})
    migrated = _voordeur("migrate", "-v0", env=env)
    assert migrated.returncode == 0, migrated.stderr

    backup = _voordeur("backup", env=env, umask=0)
    assert backup.returncode == 0, backup.stderr
    path = Path(backup.stdout.splitlines()[-1])
    assert path.parent == tmp_path / "var" / "backups" and path.name.startswith("voordeur-sqlite-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700

    with sqlite3.connect(db) as changed:  # behind the application's back, after the backup
        changed.execute("INSERT INTO accounts_partner (slug, name, kind, created_at) "
                        "VALUES ('na-backup', 'Na de backup', 'other', '2026-11-27 10:00:00')")
    restored = _voordeur("restore", str(path), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    # the backup had no events (the export is recorded after the copy); then the restore
    assert "audit chain intact: 1 events (restore recorded as seq 1)" in restored.stdout
    with sqlite3.connect(db) as check:
        assert check.execute("SELECT count(*) FROM accounts_partner WHERE slug = 'na-backup'").fetchone() == (0,)
        assert check.execute("SELECT action FROM audit_auditevent ORDER BY seq").fetchall() == [("restore",)]
    verified = _voordeur("audit", "verify", env=env)
    assert verified.returncode == 0 and "1 events" in verified.stdout


def test_postgresql_settings_become_libpq_environment_variables() -> None:
    env = engines.pg_environment({"HOST": "db.intern", "PORT": 5433, "USER": "voordeur", "PASSWORD": "geheim",
                                  "NAME": "voordeur", "OPTIONS": {"sslmode": "verify-full"}})
    assert {k: env[k] for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")} == {
        "PGHOST": "db.intern", "PGPORT": "5433", "PGUSER": "voordeur", "PGPASSWORD": "geheim",
        "PGDATABASE": "voordeur", "PGSSLMODE": "verify-full"}
