"""`voordeur promises digest [--dry-run] [--base-url URL]`: the daily e-mail of overdue promises.

Run it once a day (cron); running it again the same day sends nothing new. With `--dry-run`
it says who would get a digest and how many promises it would list, and changes nothing.
"""

from voordeur.lib.commands import VoordeurCommand, VoordeurParser
from voordeur.referrals.digest import send_digests


class Command(VoordeurCommand):
    help = "Promises to residents: the daily digest of overdue ones."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True, parser_class=VoordeurParser)
        digest = commands.add_parser("digest", help="e-mail each user their overdue promises (once a day)")
        digest.add_argument("--dry-run", action="store_true", help="show who would get a digest; send nothing")
        digest.add_argument("--base-url", default="",
                            help="the address of this Voordeur, for the links in the mail (e.g. https://voordeur.example.nl)")

    def handle(self, *args, command: str, **options):
        run = send_digests(dry_run=options["dry_run"], base_url=options["base_url"])
        for digest in run.digests:
            self.stdout.write(f"user {digest.user_id}: {digest.promises} overdue")
        if options["dry_run"]:
            self.stdout.write(f"dry run {run.day.isoformat()}: {len(run.digests)} digests would be sent, "
                              f"{run.already_sent} already sent today")
            return
        self.stdout.write(f"{run.day.isoformat()}: {run.sent} digests sent, {run.failed} failed, "
                          f"{run.already_sent} already sent today")
        if run.failed:
            self.stderr.write(f"{run.failed} digests could not be sent; they are retried on the next run")
