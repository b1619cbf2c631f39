"""`voordeur demo [--port N] [--fresh] [--no-serve]`: the demo on a laptop, in one command.

Migrates, loads the demo trajectory into an empty database (or anew with --fresh), prints
the address and the demo accounts, and serves on 127.0.0.1 without the autoreloader.
"""

import argparse

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from voordeur.demo.build import (
    DEFAULT_SEED, DEMO_PASSWORD, DemoAccount, build_demo, database_is_empty, demo_accounts, is_demo_database,
)
from voordeur.jobs import worker
from voordeur.lib.commands import VoordeurCommand


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


class Command(VoordeurCommand):
    help = "Load the demo trajectory (into an empty database, or anew with --fresh) and serve it on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=port_number, default=8000, help="port on 127.0.0.1 (default 8000)")
        parser.add_argument("--fresh", action="store_true", help="empty the demo database and load the demo anew")
        parser.add_argument("--no-serve", action="store_true", help="stop after loading (tests, CI)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=f"seed of the synthetic data (default {DEFAULT_SEED})")

    def handle(self, *args, port: int, fresh: bool, no_serve: bool, seed: int, **options):
        call_command("migrate", verbosity=0, interactive=False)
        empty = database_is_empty()
        if not empty and not is_demo_database():
            # Never serve, or wipe, a database that is not the demo's with demo-mode settings.
            raise CommandError(
                "Deze database bevat geen demo-gegevens; de demo start niet. "
                "This database does not hold the demo: point VOORDEUR_VAR_DIR or DATABASE_URL elsewhere, "
                "or empty it first with `voordeur flush`.",
                returncode=1,
            )
        if fresh and not empty:
            call_command("flush", interactive=False, verbosity=0)
            empty = True
        if empty:
            summary = build_demo(seed)
            counts = summary.counts
            self.stdout.write(
                f"Demo geladen / demo loaded in {summary.seconds:.1f} s: {counts['units']} voordeuren, "
                f"{counts['current_households']} huishoudens, {counts['people']} personen, "
                f"{counts['contacts']} contactmomenten (seed {seed})."
            )
            self.stdout.write(
                f"Fase 1-2: {counts['visits']} huisbezoeken bij {counts['visited_households']} voordeuren, "
                f"{counts['referrals']} doorverwijzingen, {counts['promises']} toezeggingen "
                f"({counts['overdue_promises']} over de termijn), {counts['repairs']} reparatieverzoeken."
            )
            accounts = summary.accounts
        else:
            self.stdout.write("Demo staat al klaar / demo already loaded (--fresh laadt hem opnieuw / reloads it).")
            accounts = demo_accounts()
        self.stdout.write(self.banner(port, accounts))
        if no_serve:
            return
        if not settings.DEMO_MODE:
            self.stderr.write("Demo-modus staat uit (start met `voordeur demo`): de server start niet. "
                              "/ Demo mode is off: not serving.")
            return
        worker.start_in_thread()  # solves run in the background while the server serves
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)

    @staticmethod
    def banner(port: int, accounts: tuple[DemoAccount, ...]) -> str:
        width_user = max([len("gebruiker / user"), *(len(a.username) for a in accounts)])
        width_role = max([len("rol / role"), *(len(a.role_label) for a in accounts)])
        lines = [
            "",
            "Voordeur — demo (synthetische gegevens / synthetic data)",
            f"  Open: http://127.0.0.1:{port}/",
            f"  Wachtwoord van elk account / password of every account: {DEMO_PASSWORD}",
            "",
            f"  {'gebruiker / user':<{width_user}}  {'rol / role':<{width_role}}  organisatie / organisation",
        ]
        lines += [f"  {a.username:<{width_user}}  {a.role_label:<{width_role}}  {a.organisation}" for a in accounts]
        lines += ["", "  Alleen op deze computer (127.0.0.1), gewoon HTTP. Stoppen / stop: Ctrl+C", ""]
        return "\n".join(lines)
