from voordeur.lib.commands import VoordeurCommand
from voordeur.lib.keyrotation import rotate_all


class Command(VoordeurCommand):
    help = "Field-encryption keys. `keys rotate [--dry-run]` re-encrypts every encrypted field with the newest key."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rotate"])
        parser.add_argument("--dry-run", action="store_true", help="count what would be re-encrypted, change nothing")

    def handle(self, *args, action: str, dry_run: bool, **options):
        counts = rotate_all(dry_run=dry_run)
        verb = "due" if dry_run else "re-encrypted"
        for field, count in counts.items():
            self.stdout.write(f"{field}: {count} {verb}")
        self.stdout.write(f"{sum(counts.values())} values {verb}")
