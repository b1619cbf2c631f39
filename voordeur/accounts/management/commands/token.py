from django.core.management.base import CommandError

from voordeur.accounts.models import User
from voordeur.accounts.tokens import token_issue
from voordeur.lib.commands import VoordeurCommand


class Command(VoordeurCommand):
    help = "Issue an API token for USERNAME (printed on its own last line; expires after --days)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="validity in days (default 30)")

    def handle(self, *args, username: str, days: int | None, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}", returncode=1)
        if days is not None and not 1 <= days <= 365:
            raise CommandError("--days must be between 1 and 365", returncode=1)
        key = token_issue(user=user, by=None, days=days)
        self.stdout.write(f"Token for {username} (expires in {days or 'the default number of'} days):")
        self.stdout.write(key)
