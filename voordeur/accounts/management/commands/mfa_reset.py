from django.core.management.base import CommandError

from voordeur.accounts.models import User
from voordeur.accounts.services import second_factor_reset
from voordeur.lib.commands import VoordeurCommand


class Command(VoordeurCommand):
    help = ("Unlink USERNAME's authenticator app (a lost or new phone). Their sessions need a code again and "
            "they link a new app at their next login. Check who is asking first: until then the password alone "
            "lets one link an app. Audited.")

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}", returncode=1)
        removed = second_factor_reset(by=None, user=user)
        self.stdout.write(f"Removed {removed} authenticator app(s) of {username}; they link a new one at their next login.")
