"""`voordeur worker [--once] [--sleep S]`: run background jobs (solves) one at a time."""

from voordeur.jobs import worker
from voordeur.lib.commands import VoordeurCommand


class Command(VoordeurCommand):
    help = "Run queued background jobs one at a time; --once runs at most one and stops."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run at most one job, then stop")
        parser.add_argument("--sleep", type=float, default=1.0, help="seconds to wait when the queue is empty")

    def handle(self, *args, once: bool, sleep: float, **options):
        if once:
            job = worker.run_once()
            self.stdout.write(f"{job}" if job else "Geen taken in de wachtrij / no queued jobs.")
            return
        self.stdout.write("Worker gestart / worker started (Ctrl+C stopt / stops).")
        try:
            worker.run_forever(sleep=sleep)
        except KeyboardInterrupt:
            self.stdout.write("Gestopt / stopped.")
