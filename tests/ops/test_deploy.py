"""`voordeur check --deploy` under production settings, in a subprocess with a production
environment: no VOORDEUR_DEBUG, no demo mode, a long random secret key, a real host name.
Runs on every database CI uses (DATABASE_URL passes through)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path


HOST = "voordeur.example.nl"


REPO = Path(__file__).resolve().parents[2]


def voordeur(*args: str, env: dict) -> subprocess.CompletedProcess:
    """`voordeur ARGS` from this checkout (`-m` from the repository root, so a venv installed
    from another checkout cannot run its own code instead)."""
    return subprocess.run([sys.executable, "-m", "voordeur", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def production_env(var_dir: Path, **overrides: str) -> dict:
    """The environment of a production deployment: every VOORDEUR_ variable unset except
    the ones production sets (keys, hosts); DATABASE_URL as the test run has it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VOORDEUR_", "DJANGO_"))}
    return {
        **env,
        "VOORDEUR_VAR_DIR": str(var_dir),
        "VOORDEUR_SECRET_KEY": secrets.token_urlsafe(64),
        "VOORDEUR_AUDIT_KEY": secrets.token_urlsafe(32),
        "VOORDEUR_ALLOWED_HOSTS": HOST,
        **overrides,
    }


def test_deploy_check_is_clean_under_production_settings(tmp_path: Path) -> None:
    result = voordeur("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in result.stdout, output
    assert "WARNING" not in output.upper(), output


def test_deploy_check_fails_on_an_unsafe_environment(tmp_path: Path) -> None:
    """The check above can fail: the same command with debug on and a weak secret key exits 1
    and names both."""
    env = production_env(tmp_path, VOORDEUR_DEBUG="1", VOORDEUR_SECRET_KEY="kort")
    result = voordeur("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "security.W018" in result.stderr and "security.W009" in result.stderr, result.stderr
