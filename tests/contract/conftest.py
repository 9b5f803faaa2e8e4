"""The action server under test: this environment's rasa-sdk, with the real appointments API."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.actions.conftest import ApiServer, api_server  # noqa: F401 (the fixture is reused)

ROOT = Path(__file__).resolve().parents[2]
PORT = 19555 + int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
TOKEN = "vertragstest-" * 3


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def action_server(api_server: ApiServer) -> Iterator[str]:  # noqa: F811
    """`python -m actions.server` in this environment; yields its webhook URL."""
    env = {
        **os.environ,
        "FL_ENV": "development",
        "FL_ACTIONS_TOKEN": TOKEN,
        "FL_APPOINTMENTS_URL": api_server.url,
        "PYTHONWARNINGS": "ignore",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--port", str(PORT)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not _healthy(f"http://127.0.0.1:{PORT}/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Action-Server nicht gestartet:\n{process.stdout.read()}")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{PORT}/webhook"
    finally:
        process.terminate()
        process.wait(timeout=30)
