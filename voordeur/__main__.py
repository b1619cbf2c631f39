"""The `voordeur` console command: Django's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voordeur.settings")
    if sys.argv[1:2] == ["demo"]:
        # Demo mode is decided before settings load: plain HTTP on loopback, demo accounts.
        os.environ["VOORDEUR_DEMO"] = "1"
    from django.core.management import execute_from_command_line

    execute_from_command_line(["voordeur", *sys.argv[1:]])


if __name__ == "__main__":
    main()
