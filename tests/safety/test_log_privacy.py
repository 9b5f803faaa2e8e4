"""In production, logs carry no tracebacks and no exception messages (personal data)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import logging, sys
from runtime import log_privacy
print("active", log_privacy.install(), file=sys.stderr)
logging.basicConfig(level=logging.INFO)
log = logging.getLogger("actions.booking")
try:
    raise ValueError("Telefon 0171 2345678 von Lena Sommer ungültig")
except ValueError:
    log.exception("booking.failed")
log.error("sanic.error", exc_info=True)
"""


def run(mode: str) -> str:
    env = {"FL_ENV": mode, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stderr


def test_production_logs_name_the_error_but_not_the_data() -> None:
    output = run("production")
    assert "active True" in output
    assert "booking.failed [ValueError in <string>:" in output
    assert "2345678" not in output and "Sommer" not in output
    assert "Traceback" not in output


def test_development_keeps_full_tracebacks() -> None:
    output = run("development")
    assert "Traceback" in output and "2345678" in output
