"""`voordeur retention run [--dry-run]`: remove what is past its retention period.

Prints, per registered model, how many rows are due (the period and what it runs from are
in docs/retention.md); without --dry-run it deletes or blanks them in one transaction and
writes one audit event with the counts. Exit 0 on success.
"""

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError

from voordeur.lib.commands import VoordeurCommand
from voordeur.lib.dates import today
from voordeur.privacy.periods import retention_periods
from voordeur.privacy.retention import retention_plan
from voordeur.privacy.services import retention_run

DONE = {"delete": "deleted", "blank": "blanked", "scrub": "scrubbed"}


class Command(VoordeurCommand):
    help = "Retention: `retention run` removes or blanks personal data past its period (--dry-run: only count)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["run"])
        parser.add_argument("--dry-run", action="store_true", help="count what is due; change nothing")

    def handle(self, *args, action: str, dry_run: bool, **options):
        try:
            periods = retention_periods()
        except ImproperlyConfigured as error:
            raise CommandError(str(error), returncode=1) from None
        day = today()
        if dry_run:
            plan, counts = retention_plan(today=day), None
        else:
            plan, counts = retention_run(today=day)
        self.stdout.write(f"Retention on {day.isoformat()}{' (dry run: nothing changed)' if dry_run else ''}")
        width = max(len(item.entry.label) for item in plan)
        for item in plan:
            entry = item.entry
            done = "" if counts is None else f", {DONE[entry.erase.verb]} {counts.get(entry.label, 0)}"
            days = periods[entry.retention_key]
            self.stdout.write(f"  {entry.label:<{width}}  {entry.retention_key:<14} {days:>5} days"
                              f"  {entry.erase.verb:<6} due {item.count}{done}")
        if counts is None:
            self.stdout.write(f"{sum(item.count for item in plan)} rows due")
        else:
            self.stdout.write(f"{sum(counts.values())} rows deleted, blanked or scrubbed; audited as one event")
