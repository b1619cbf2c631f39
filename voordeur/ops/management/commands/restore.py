import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.db import connection

from voordeur.lib.commands import VoordeurCommand
from voordeur.ops.backup import BackupError, backup_restore, read_manifest, restore_check


class Command(VoordeurCommand):
    help = ("Replace ALL data in the database by the backup in FILE, then verify the audit chain and "
            "record the restore in it. Stop the application servers first. Asks for confirmation "
            "unless --yes is given.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file: Path, yes: bool, **options):
        try:
            manifest = read_manifest(file)
            restore_check(manifest)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        target = connection.settings_dict["NAME"]
        self.stdout.write(f"{file}: {manifest.engine_name} backup made {manifest.created_at}, "
                          f"audit head seq {manifest.audit_seq}")
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("restoring replaces all data: pass --yes to confirm", returncode=1)
            answer = input(f"This replaces ALL data in {target}. Type 'restore' to continue: ")
            if answer.strip() != "restore":
                raise CommandError("not restored", returncode=1)
        try:
            restored = backup_restore(path=file)
        except BackupError as error:
            raise CommandError(str(error), returncode=1) from None
        self.stdout.write(f"restored into {target}")
        if restored.chain_break is None:
            self.stdout.write(f"audit chain intact: {restored.events} events "
                              f"(restore recorded as seq {restored.restore_seq})")
        if restored.pending_migrations:
            self.stdout.write(f"the backup predates {len(restored.pending_migrations)} migration(s): "
                              "run `voordeur migrate` now")
        if restored.chain_break is not None:
            raise CommandError(f"audit chain broken at {restored.chain_break} (restore recorded as seq "
                               f"{restored.restore_seq}); a VOORDEUR_AUDIT_KEY other than the one the backup "
                               "was made with also shows as a break at seq 1", returncode=1)
