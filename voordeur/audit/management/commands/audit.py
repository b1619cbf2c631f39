from django.core.management.base import BaseCommand, CommandError

from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Audit log tools. `audit verify` checks the hash chain."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        broken = verify()
        if broken is not None:
            raise CommandError(f"audit chain broken at {broken}", returncode=1)
        self.stdout.write(f"audit chain intact: {AuditEvent.objects.count()} events")
