from pathlib import Path

from django.core.management.base import CommandError

from voordeur.access.docs import output_path, render
from voordeur.lib.commands import VoordeurCommand


class Command(VoordeurCommand):
    help = "Write docs/authorization.md from the policy table; with --check, exit 1 when it is stale."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the file is stale")
        parser.add_argument("--output", type=Path, default=None, help="file to write or check (default: %(default)s)")

    def handle(self, *args, check: bool, output: Path | None, **options):
        path = output or output_path()
        text = render()
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current != text:
                raise CommandError(f"{path} is stale: run `voordeur authdoc`", returncode=1)
            self.stdout.write(f"{path} is up to date")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {path}")
