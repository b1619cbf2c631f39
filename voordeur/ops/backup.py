"""`voordeur backup` and `voordeur restore`: one file holds a whole database and says what it is.

The file: a magic line, one line of JSON (the manifest), then the payload — the SQLite
database file or the pg_dump archive. The manifest names the engine, when the backup was
made, the applied migrations (and their hash), the audit chain's head at that moment and the
payload's size and SHA-256. Restore checks all of that before it changes anything, refuses a
backup of the other engine or of a newer version of Voordeur, then verifies the restored
audit chain and appends a `restore` event to it. Making a backup is audited as an export.

Backups hold everything, personal data included: they are written 0600 in a 0700 folder.
"""

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.migrations.loader import MigrationLoader

from voordeur.audit import log as audit
from voordeur.audit.chain import Break
from voordeur.ops import engines
from voordeur.ops.engines import ENGINES, EngineError

MAGIC = b"VOORDEUR-BACKUP\n"
FORMAT = 1
SUFFIX = ".vdbackup"
MAX_MANIFEST_BYTES = 1 << 20
CHUNK = 1 << 20


class BackupError(Exception):
    """Anything that stops a backup or restore; the commands exit 1 with this message."""


@dataclass(frozen=True)
class Manifest:
    format: int
    engine: str
    created_at: str
    migrations_sha256: str
    applied_migrations: list[str]
    audit_seq: int
    audit_hash: str
    payload_bytes: int
    payload_sha256: str

    @property
    def engine_name(self) -> str:
        return ENGINES.get(self.engine, self.engine)


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    chain_break: Break | None
    events: int
    restore_seq: int
    pending_migrations: list[str]


def migrations_sha256(applied: list[str] | tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(sorted(applied)).encode()).hexdigest()


def default_path() -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"voordeur-{engines.engine()}-{stamp}{SUFFIX}"


def backup_create(*, path: Path | None = None, by=None) -> tuple[Path, Manifest]:
    """Write a backup of the current database to `path` (default: var/backups/…); audited."""
    try:
        engine = engines.engine()
    except EngineError as error:
        raise BackupError(str(error)) from None
    path = Path(path) if path is not None else default_path()
    if path.exists():
        raise BackupError(f"{path} exists; choose another name (backups are never overwritten)")
    try:
        manifest = _write_backup(path, engine)
    except OSError as error:
        raise BackupError(f"{path}: {error.strerror or error}") from None
    audit.record(by, "export", object_type="ops.backup", object_id=manifest.payload_sha256[:16],
                 purpose="backup of the whole database",
                 detail={"file": path.name, "engine": engine, "bytes": manifest.payload_bytes,
                         "audit_seq": manifest.audit_seq})
    return path, manifest


def _write_backup(path: Path, engine: str) -> Manifest:
    folder = path.parent
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".voordeur-backup-") as work:
        payload = Path(work) / "payload"
        try:
            state = engines.copy_out(payload)
        except EngineError as error:
            raise BackupError(str(error)) from None
        size, digest = _size_and_sha256(payload)
        manifest = Manifest(
            format=FORMAT, engine=engine, created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            migrations_sha256=migrations_sha256(state.applied_migrations),
            applied_migrations=list(state.applied_migrations), audit_seq=state.audit_seq,
            audit_hash=state.audit_hash, payload_bytes=size, payload_sha256=digest,
        )
        assembled = Path(work) / "backup"
        _write_private(assembled, manifest, payload)
        os.link(assembled, path)  # fails if `path` appeared meanwhile: never overwrite a backup
    return manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, after checking the file is whole (size and SHA-256)."""
    with _open_backup(path) as (manifest, handle):
        digest, size = hashlib.sha256(), 0
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    if size != manifest.payload_bytes or digest.hexdigest() != manifest.payload_sha256:
        raise BackupError(f"{path}: the backup is damaged or incomplete (its content does not match its checksum)")
    return manifest


def restore_check(manifest: Manifest) -> list[str]:
    """Refuse what cannot be restored here; return the migrations to run after restoring."""
    try:
        here = engines.engine()
    except EngineError as error:
        raise BackupError(str(error)) from None
    if manifest.engine != here:
        raise BackupError(
            f"this is a {manifest.engine_name} backup, but this Voordeur uses {ENGINES[here]} "
            f"(DATABASE_URL): restore it into a {manifest.engine_name} database"
        )
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(manifest.applied_migrations) - known)
    if unknown:
        raise BackupError(f"the backup comes from a newer Voordeur (migrations unknown here: {', '.join(unknown)}); "
                          "restore it with that version")
    return sorted(known - set(manifest.applied_migrations))


def backup_restore(*, path: Path, by=None) -> Restored:
    """Replace the database's content by the backup's, verify the audit chain, audit the restore."""
    with tempfile.TemporaryDirectory(prefix="voordeur-restore-") as work:
        payload = Path(work) / "payload"
        with _open_backup(path) as (manifest, handle), _create_private(payload) as out:
            pending = restore_check(manifest)
            digest = hashlib.sha256()
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
        # checked on the very bytes that are restored
        if payload.stat().st_size != manifest.payload_bytes or digest.hexdigest() != manifest.payload_sha256:
            raise BackupError(f"{path}: the backup is damaged or incomplete (its content does not match its checksum)")
        try:
            engines.copy_in(payload)
        except EngineError as error:
            raise BackupError(str(error)) from None
    ContentType.objects.clear_cache()
    state = engines.current_state()
    if (state.audit_seq, state.audit_hash) != (manifest.audit_seq, manifest.audit_hash):
        raise BackupError(f"after the restore the audit head is seq {state.audit_seq}, "
                          f"but the backup says seq {manifest.audit_seq}: the restore did not take")
    broken = audit.verify()
    event = audit.record(by, "restore", object_type="ops.backup", object_id=manifest.payload_sha256[:16],
                         purpose="database restored from a backup",
                         detail={"file": path.name, "engine": manifest.engine, "made_at": manifest.created_at,
                                 "audit_seq": manifest.audit_seq, "chain_intact": broken is None})
    from voordeur.audit.models import AuditEvent

    return Restored(manifest=manifest, chain_break=broken, events=AuditEvent.objects.count(),
                    restore_seq=event.seq, pending_migrations=pending)


# --- the file ---------------------------------------------------------------------------------


def _size_and_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def _create_private(path: Path):
    """A new file only its owner can read, whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, "wb")


def _write_private(path: Path, manifest: Manifest, payload: Path) -> None:
    with _create_private(path) as out, payload.open("rb") as source:
        out.write(MAGIC)
        out.write(json.dumps(asdict(manifest), sort_keys=True).encode() + b"\n")
        while chunk := source.read(CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


class _open_backup:
    """`with _open_backup(path) as (manifest, handle)`: handle positioned at the payload."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self) -> tuple[Manifest, object]:
        try:
            self.handle = self.path.open("rb")
        except OSError as error:
            raise BackupError(f"{self.path}: {error.strerror}") from None
        try:
            return self._manifest(), self.handle
        except BaseException:
            self.handle.close()
            raise

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def _manifest(self) -> Manifest:
        not_a_backup = BackupError(f"{self.path}: not a Voordeur backup")
        if self.handle.read(len(MAGIC)) != MAGIC:
            raise not_a_backup
        try:
            data = json.loads(self.handle.readline(MAX_MANIFEST_BYTES))
        except ValueError:
            raise not_a_backup from None
        if not isinstance(data, dict):
            raise not_a_backup
        if data.get("format") != FORMAT:
            raise BackupError(f"{self.path}: backup format {data.get('format')!r} is not known to this Voordeur")
        try:
            return Manifest(**data)
        except TypeError:
            raise not_a_backup from None
