"""`voordeur import KIND FILE [--complex SLUG] [--proposal ID] [--source ORG] [--legal-basis TEXT] [--date DATE] [--dry-run]`.

All or nothing: a bad file prints `FILE:LINE: COLUMN: problem` for every bad row and exits 1
without changing anything. Usage errors (an unknown kind, a missing --proposal) exit 1 too.
"""

from pathlib import Path

from django.core.management.base import CommandError

from voordeur.imports.registry import KINDS, ImportRequest, UsageError, importer
from voordeur.lib.commands import VoordeurCommand
from voordeur.lib.csvio import parse_date


class Command(VoordeurCommand):
    help = "Import a partner CSV file (kinds: " + ", ".join(sorted(KINDS)) + ")."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what the file holds: " + ", ".join(sorted(KINDS)))
        parser.add_argument("file", help="the CSV file")
        parser.add_argument("--complex", dest="complex_slug", help="the complex's slug")
        parser.add_argument("--proposal", type=int, help="the renovation proposal's id (votes)")
        parser.add_argument("--source", help="source organisation's slug (default: the complex's corporation)")
        parser.add_argument("--legal-basis", help="legal basis (default: the tenancy agreement; per kind in docs/imports.md)")
        parser.add_argument("--date", dest="received_on", help="the date of the data, YYYY-MM-DD or DD-MM-YYYY (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="check the file, change nothing")

    def handle(self, *args, kind: str, file: str, complex_slug, proposal, source, legal_basis, dry_run, received_on,
               **options):
        try:
            run = importer(kind)
            data = Path(file).read_bytes()
            received_on = parse_date(received_on) if received_on else None
        except (UsageError, ValueError) as error:
            raise CommandError(str(error), returncode=1) from None
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror or error}", returncode=1) from None
        request = ImportRequest(kind=kind, filename=file, data=data, complex_slug=complex_slug, proposal_id=proposal,
                                source=source, legal_basis=legal_basis, dry_run=dry_run, received_on=received_on)
        try:
            result = run(request)
        except UsageError as error:
            raise CommandError(str(error), returncode=1) from None
        if not result.ok:
            for problem in sorted(result.problems):
                self.stderr.write(problem.format(file))
            raise CommandError(f"{file}: {len(result.problems)} problem(s); nothing was imported", returncode=1)
        note = " (dry run: nothing written)" if dry_run else ""
        self.stdout.write(f"{kind}: {result.rows} rows, {result.created} new, {result.unchanged} already present, "
                          f"{result.updated} updated{note}")
