"""Keys for a fresh clone: generated once into var/ when the environment sets none.

A production deployment sets VOORDEUR_SECRET_KEY, VOORDEUR_FIELD_KEYS and
VOORDEUR_AUDIT_KEY; a laptop running `make demo` gets stable local keys instead.
"""

import base64
import os
import secrets
from pathlib import Path


def local_key(var_dir: Path, name: str, *, env: str) -> str:
    """The key from the environment variable `env`, else one kept in var/NAME.key."""
    value = os.environ.get(env)
    if value:
        return value
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / f"{name}.key"
    if not path.exists():
        key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
        # Write-then-rename so two processes starting together agree on one key.
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(key + "\n")
        os.chmod(tmp, 0o600)
        if not path.exists():
            os.replace(tmp, path)
        else:
            tmp.unlink()
    return path.read_text().strip()
