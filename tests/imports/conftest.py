"""Running `voordeur import KIND FILE` in tests, on the persona world.

The world's complex `akkerflat` (corporation `p-corp`) has units AK-001..AK-007 (AK-007 a
guest home without tenancy) and tenancies T-ons-001..T-ons-006 (one per unit AK-001..006,
started 2015-01-0n, no end); `anderflat` (corporation `p-other-corp`) has AN-001/AN-002 and
tenancy T-and-009.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@dataclass
class Outcome:
    ok: bool
    out: str
    err: str
    path: Path
    message: str = ""  # the command's error (a usage error, or the count of problems)

    @property
    def problems(self) -> list[str]:
        """The problem lines without the file name: `LINE: COLUMN: problem`."""
        prefix = f"{self.path}:"
        return [line.removeprefix(prefix) for line in self.err.splitlines() if line.startswith(prefix)]


@pytest.fixture
def run(tmp_path):
    def run(kind: str, content: str | bytes, *args: str, name: str | None = None) -> Outcome:
        path = tmp_path / (name or f"{kind}.csv")
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", kind, str(path), *args, stdout=out, stderr=err)
        except CommandError as error:
            assert error.returncode == 1
            return Outcome(False, out.getvalue(), err.getvalue(), path, str(error))
        return Outcome(True, out.getvalue(), err.getvalue(), path)

    return run


def csv(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)
