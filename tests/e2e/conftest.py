"""Start API, action server and Rasa once for the end-to-end tests (api environment)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
# FL_TEST_PORT_OFFSET moves all test ports, so two checkouts can run their tests at once.
PORT_OFFSET = int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
PORTS = {
    name: str(port + PORT_OFFSET)
    for name, port in {
        "FL_API_PORT": 18200,
        "FL_ACTIONS_PORT": 15255,
        "FL_RASA_PORT": 15205,
        "FL_WEB_PORT": 18280,
    }.items()
}
TOKEN = "e2e-test-token"


@dataclass(frozen=True)
class Stack:
    """URLs of the running services."""

    api: str
    rasa: str
    web: str
    token: str
    tracker_db: Path
    mail_dir: Path
    # Messages of the accessibility feedback form (demo page).
    feedback_dir: Path | None = None


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Run scripts/services.py with fresh databases and wait until everything answers."""
    work = tmp_path_factory.mktemp("stack")
    env = {
        **os.environ,
        **PORTS,
        "RASA_TOKEN": TOKEN,
        "APPOINTMENTS_DATABASE_URL": f"sqlite:///{work / 'appointments.db'}",
        "APPOINTMENTS_MAIL_DIR": str(work / "mail"),
        # The worker delivers the mails; its queue lives with the other test files.
        "APPOINTMENTS_QUEUE_URL": f"sqlite:///{work / 'queue.db'}",
        "FL_TRACKER_DIALECT": "sqlite",
        "FL_TRACKER_DB": str(work / "tracker.db"),
        "FL_FEEDBACK_DIR": str(work / "feedback"),
    }
    env.pop("FL_APPOINTMENTS_URL", None)
    env.pop("FL_ACTIONS_URL", None)
    if os.environ.get("FL_RECORD_URL"):  # recording proxy, tests/contract/recordings/README.md
        env["FL_ACTIONS_URL"] = os.environ["FL_RECORD_URL"]
    python = str(ROOT / ".venv-api" / "bin" / "python")
    for command in ("migrate", "seed"):
        subprocess.run([python, "-m", "appointments.cli", command], cwd=ROOT, env=env, check=True)
    log = (work / "services.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "scripts/services.py", "--only", "api,worker,actions,rasa,web"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while "ALLE DIENSTE BEREIT" not in (work / "services.log").read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    "Dienste nicht gestartet:\n" + (work / "services.log").read_text()[-4000:]
                )
            time.sleep(1)
        yield Stack(
            api=f"http://127.0.0.1:{PORTS['FL_API_PORT']}",
            rasa=f"http://127.0.0.1:{PORTS['FL_RASA_PORT']}",
            web=f"http://localhost:{PORTS['FL_WEB_PORT']}",
            tracker_db=work / "tracker.db",
            mail_dir=work / "mail",
            token=TOKEN,
            feedback_dir=work / "feedback",
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def rasa(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.rasa, timeout=30) as client:
        yield client


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    auth = ("demo.musterfrau", os.environ.get("APPOINTMENTS_DEMO_STAFF_PASSWORD", "demo-passwort"))
    with httpx.Client(base_url=stack.api, timeout=10, auth=auth) as client:
        yield client
