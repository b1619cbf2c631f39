"""Benchmark of the partner-data import: a 100,000-row tenancies file.

    python bench/imports.py [--rows 100000] [--seed 7]

Works in a temporary folder (its own SQLite database and keys; nothing of the project's
`var/` is touched): migrates, imports the units the file needs (`units` kind), then times
for the generated tenancies file (fixed seed):
- validation: parse and check every row against the database, overlaps included
  (`plan_tenancies`, no writes) — the target is at least 20,000 rows/s;
- apply: writing the validated plan (households, tenancies, people, run, audit);
- the full import (validation + apply) rate, and validating the same file again once all
  of it is stored (every tenancy compared with the database: all rows unchanged).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET = 20_000
LANGUAGES = ["nl", "tr", "ar", "ber", "pl", "so", "ti", "en", "", ""]
FIRST = ["Fam.", "Mevr.", "Dhr."]
SURNAMES = ["Jansen", "Yilmaz", "El Amrani", "Kowalski", "Abdi", "De Vries", "Haile", "Bakker", "Öztürk", "Visser"]


def units_file(rows: int) -> bytes:
    lines = ["complex,unit_id,street,number,letter,addition,postcode,city,portiek,floor,bag_id,kind"]
    for n in range(rows):
        complex_no, number = divmod(n, 1000)
        lines.append(f"bench-{complex_no:03d},B-{n:06d},Benchstraat {complex_no},{number + 1},,,3500 AA,Utrecht,"
                     f"P{number // 100},{(number // 10) % 10},{n:016d},home")
    return ("\n".join(lines) + "\n").encode()


def tenancies_file(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = ["unit_id,tenancy_id,start_date,end_date,name,phone,email,language"]
    for n in range(rows):
        start = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        dutch = rng.random() < 0.3
        if dutch:
            year, month, day = start.split("-")
            start = f"{day}-{month}-{year}"
        name = f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}-{n}"
        phone = f"06-{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.8 else ""
        email = f"bewoner{n}@example.org" if rng.random() < 0.5 else ""
        lines.append(f"B-{n:06d},BT-{n:06d},{start},,{name},{phone},{email},{rng.choice(LANGUAGES)}")
    return ("\n".join(lines) + "\n").encode()


class Clock:
    """Wall and CPU (process) time since the last lap: on a shared machine the wall time
    includes waiting for a core; the CPU time is what the import itself costs."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        lap = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="voordeur-bench-") as folder:
        os.environ["VOORDEUR_VAR_DIR"] = folder
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voordeur.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from voordeur.accounts.models import Partner
        from voordeur.imports.registry import ImportRequest
        from voordeur.imports.tenancies import plan_tenancies, write_tenancies
        from voordeur.imports.units import plan_units, write_units

        call_command("migrate", verbosity=0)
        Partner.objects.create(slug="bench-corp", name="Bench corporatie", kind=Partner.Kind.CORPORATION)
        data = units_file(args.rows)
        clock = Clock()
        plan = plan_units(ImportRequest(kind="units", filename="units.csv", data=data, source="bench-corp"))
        assert plan.ok, plan.result.problems[:5]
        write_units(plan)
        units_seconds = clock.lap()

        data = tenancies_file(args.rows, args.seed)
        request = ImportRequest(kind="tenancies", filename="tenancies.csv", data=data)
        clock = Clock()
        plan = plan_tenancies(request)
        validation = clock.lap()
        assert plan.ok, plan.result.problems[:5]
        write_tenancies(plan)
        apply = clock.lap()
        again = plan_tenancies(request)
        revalidation = clock.lap()
        assert again.ok and again.result.unchanged == args.rows, again.result

        rows = args.rows
        rates = [
            ("units import (validate + apply)", units_seconds),
            ("tenancies validation", validation),
            ("tenancies apply (write only)", apply),
            ("tenancies full import", (validation[0] + apply[0], validation[1] + apply[1])),
            ("tenancies validation, all stored", revalidation),
        ]
        print(f"{rows:,} rows, {len(data) / 1e6:.1f} MB, seed {args.seed}; load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores")
        print(f"{'':<34} {'wall s':>7} {'rows/s':>9}   {'cpu s':>7} {'rows/s':>9}")
        for label, (wall, cpu) in rates:
            print(f"{label:<34} {wall:7.2f} {rows / wall:>9,.0f}   {cpu:7.2f} {rows / cpu:>9,.0f}")
        slowest_cpu = min(rows / validation[1], rows / revalidation[1])
        slowest_wall = min(rows / validation[0], rows / revalidation[0])
        verdict = "ok" if slowest_cpu >= TARGET else "TOO SLOW"
        print(f"validation target {TARGET:,} rows/s: {verdict} (slowest validation {slowest_cpu:,.0f} rows/s of "
              f"CPU time, {slowest_wall:,.0f} rows/s of wall time on this shared machine)")
        return 0 if slowest_cpu >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
