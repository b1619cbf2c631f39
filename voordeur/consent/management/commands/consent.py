"""`voordeur consent proposal create --complex SLUG --title T --sent DATE --deadline DATE` and
`voordeur consent tally PROPOSAL_ID [--json]` (interfaces.md). Usage errors exit 1."""

import argparse
import json

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from voordeur.consent.facts import proposal_tally
from voordeur.consent.models import Proposal
from voordeur.consent.services import proposal_create
from voordeur.lib.commands import VoordeurCommand, VoordeurParser
from voordeur.lib.csvio import parse_date
from voordeur.places.models import Complex


def date_argument(text: str):
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class Command(VoordeurCommand):
    help = "Renovation proposals and the 70% consent tally."

    def add_arguments(self, parser):
        # subparsers are made before VoordeurCommand swaps the parser class: name it explicitly (exit 1)
        commands = parser.add_subparsers(dest="command", required=True, parser_class=VoordeurParser)
        proposal = commands.add_parser("proposal", help="renovation proposals")
        actions = proposal.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create a proposal; prints its id on the last line")
        create.add_argument("--complex", required=True, dest="complex_slug")
        create.add_argument("--title", required=True)
        create.add_argument("--sent", required=True, type=date_argument, help="YYYY-MM-DD or DD-MM-YYYY")
        create.add_argument("--deadline", required=True, type=date_argument, help="YYYY-MM-DD or DD-MM-YYYY")
        create.add_argument("--summary", default="")
        create.add_argument("--languages", default="nl", help="comma-separated ISO 639 codes (default nl)")
        tally = commands.add_parser("tally", help="the 70% tally of a proposal")
        tally.add_argument("proposal_id", type=int)
        tally.add_argument("--json", action="store_true", help="machine-readable (interfaces.md)")

    def handle(self, *args, command: str, **options):
        if command == "tally":
            return self.tally(options["proposal_id"], as_json=options["json"])
        return self.create(**options)

    def create(self, *, complex_slug, title, sent, deadline, summary, languages, **options):
        complex_ = Complex.objects.filter(slug=complex_slug).first()
        if complex_ is None:
            raise CommandError(f"there is no complex {complex_slug!r}", returncode=1)
        try:
            proposal = proposal_create(complex=complex_, title=title, sent_on=sent, response_deadline=deadline,
                                       summary=summary, languages=languages, by=None)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages), returncode=1) from None
        self.stdout.write(f"Proposal created for {complex_.slug}: deadline {deadline.isoformat()}")
        self.stdout.write(str(proposal.pk))

    def tally(self, proposal_id: int, *, as_json: bool):
        proposal = Proposal.objects.select_related("complex").filter(pk=proposal_id).first()
        if proposal is None:
            raise CommandError(f"there is no proposal {proposal_id}", returncode=1)
        result = proposal_tally(proposal)
        if as_json:
            self.stdout.write(json.dumps(result.as_json()))
            return
        share = "-" if result.percent_agreed is None else f"{result.percent_agreed}%"
        verdict = "met" if result.threshold_met else "not met"
        self.stdout.write(
            f"Proposal {proposal.pk} ({proposal.complex.slug}), counted at {result.counted_at.isoformat()}\n"
            f"dwellings {result.dwellings}, tenants {result.tenants}: agreed {result.agreed}, "
            f"against {result.against}, no response {result.no_response}\n"
            f"agreed {share}; 70% {verdict}; still needed {result.needed}; "
            f"presumption {'applies' if result.presumption_applies else 'does not apply (fewer than 10 dwellings)'}"
        )
