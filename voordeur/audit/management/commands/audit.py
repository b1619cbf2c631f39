from django.core.management.base import CommandError

from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent
from voordeur.lib.commands import VoordeurCommand


class Command(VoordeurCommand):
    help = "Audit log tools. `audit verify` checks the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at {broken}", returncode=1)
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
