"""Copying a whole database out and back in, per engine, through Django's own connection
(so a test run copies the test database, and an in-memory SQLite database works too).

- SQLite: the sqlite3 online backup API, one step, so the copy is one consistent state.
- PostgreSQL: `pg_dump --format=custom` inside an exported REPEATABLE READ snapshot (the
  manifest is read in the same snapshot) and `pg_restore --clean --if-exists --no-owner` in
  one transaction. Credentials go to the client tools through the environment (PGPASSWORD
  and friends), never on the command line, where other users of the machine could read them.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENGINES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}
_PG_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT",
               "sslkey": "PGSSLKEY", "passfile": "PGPASSFILE", "service": "PGSERVICE"}


class EngineError(Exception):
    pass


@dataclass(frozen=True)
class State:
    """What the manifest records about the copied database, read from the copy's own state."""

    applied_migrations: tuple[str, ...]  # "app.name", sorted
    audit_seq: int
    audit_hash: str


def engine() -> str:
    if connection.vendor not in ENGINES:
        raise EngineError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def copy_out(target: Path) -> State:
    """Write the current database to `target` (SQLite file or pg_dump archive)."""
    if connection.in_atomic_block:
        raise EngineError("a backup must run outside a transaction")
    return _sqlite_copy_out(target) if engine() == SQLITE else _postgres_copy_out(target)


def copy_in(source: Path) -> None:
    """Replace the current database's content by the copy in `source`."""
    if connection.in_atomic_block:
        raise EngineError("a restore must run outside a transaction")
    if engine() == SQLITE:
        _sqlite_copy_in(source)
    else:
        _postgres_copy_in(source)


def current_state() -> State:
    with connection.cursor() as cursor:
        return _state(cursor)


def _state(cursor) -> State:
    cursor.execute("SELECT app, name FROM django_migrations")
    applied = tuple(sorted(f"{app}.{name}" for app, name in cursor.fetchall()))
    cursor.execute("SELECT seq, hash FROM audit_audithead WHERE id = 1")
    head = cursor.fetchone()
    seq, digest = head if head else (0, "0" * 64)
    return State(applied_migrations=applied, audit_seq=int(seq), audit_hash=digest)


# --- SQLite -----------------------------------------------------------------------------------


def _sqlite_copy_out(target: Path) -> State:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # pages=-1: the whole database in one step
        return _state(copy.cursor())
    finally:
        copy.close()


def _sqlite_copy_in(source: Path) -> None:
    copy = sqlite3.connect(source)  # a private temporary copy
    try:
        checked = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if checked != "ok":
            raise EngineError(f"the SQLite copy in the backup is damaged: {checked}")
        connection.ensure_connection()
        copy.backup(connection.connection)
    finally:
        copy.close()


# --- PostgreSQL -------------------------------------------------------------------------------


def _postgres_copy_out(target: Path) -> State:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        state = _state(cursor)
        # The snapshot lives as long as this transaction: pg_dump sees exactly what we read.
        _run([_tool("pg_dump"), "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={target}"])
    return state


def _postgres_copy_in(source: Path) -> None:
    connection.close()  # no session of ours holds locks on the tables pg_restore drops
    _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
          "--no-password", "--dbname=", str(source)])
    connection.close()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise EngineError(f"{name} not found: install the PostgreSQL client tools (the server's major version)")
    return found


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """libpq's environment for Django's connection settings. The database name goes here too,
    so the command line names nothing about the connection (`--dbname=` means "from PGDATABASE")."""
    env = dict(os.environ)  # PG* variables already set apply, as they do to Django's own connection
    values = {"PGHOST": settings_dict.get("HOST"), "PGPORT": settings_dict.get("PORT"),
              "PGUSER": settings_dict.get("USER"), "PGPASSWORD": settings_dict.get("PASSWORD"),
              "PGDATABASE": settings_dict.get("NAME")}
    options = settings_dict.get("OPTIONS") or {}
    values.update({variable: options.get(option) for option, variable in _PG_OPTIONS.items()})
    env.update({key: str(value) for key, value in values.items() if value not in (None, "")})
    return env


def _run(command: list[str]) -> None:
    done = subprocess.run(command, env=pg_environment(connection.settings_dict), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise EngineError(f"{tool} failed (exit {done.returncode}): {done.stderr.strip()[-2000:]}")
