from pathlib import Path

from django.core.management.base import CommandError

from voordeur.lib.commands import VoordeurCommand
from voordeur.ops.backup import BackupError, backup_create


class Command(VoordeurCommand):
    help = ("Back up the whole database (SQLite or PostgreSQL) to FILE, default var/backups/. "
            "The file holds personal data: it is written 0600. The path is printed on the last line.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="where to write the backup (must not exist)")

    def handle(self, *args, file: Path | None, **options):
        try:
            path, manifest = backup_create(path=file)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(f"{manifest.engine_name} backup written: {manifest.payload_bytes} bytes, "
                          f"{len(manifest.applied_migrations)} migrations, audit head seq {manifest.audit_seq}")
        self.stdout.write(str(path.resolve()))
