"""A real appointments API on a free port (its own environment and SQLite database), shared
by the action tests and the connector tests that forward to it."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
API_PYTHON = ROOT / ".venv-api" / "bin" / "python"
STAFF_AUTH = (
    "demo.musterfrau",
    os.environ.get("APPOINTMENTS_DEMO_STAFF_PASSWORD", "demo-passwort"),
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ApiServer:
    """A running appointments API with its own SQLite database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.database: Path | None = None

    def get(self, path: str, auth: tuple[str, str] | None = None) -> Any:
        request = urllib.request.Request(self.url + path)
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def staff_bookings(self) -> list[dict[str, Any]]:
        return self.get("/staff/bookings", auth=STAFF_AUTH)["bookings"]


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiServer]:
    """Start the real API (its own environment) on a free port with a fresh database."""
    db = tmp_path_factory.mktemp("api") / "appointments.db"
    # Mails to staff and families go to a temporary folder, not to var/mail.
    # The action client sends the development service token; the API checks it.
    os.environ.setdefault("APPOINTMENTS_SERVICE_TOKEN", "entwicklung-dienst-nur-lokal")
    env = {
        **os.environ,
        "APPOINTMENTS_DATABASE_URL": f"sqlite:///{db}",
        "APPOINTMENTS_MAIL_DIR": str(db.parent / "mail"),
    }
    for command in ("migrate", "seed"):
        subprocess.run(
            [str(API_PYTHON), "-m", "appointments.cli", command], cwd=ROOT, env=env, check=True,
            capture_output=True,
        )  # fmt: skip
    port = _free_port()
    process = subprocess.Popen(
        [str(API_PYTHON), "-m", "uvicorn", "appointments.main:app", "--port", str(port),
         "--host", "127.0.0.1", "--no-access-log"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    server = ApiServer(url)
    server.database = db  # read directly by the review-inbox tests
    try:
        for _ in range(100):
            try:
                server.get("/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("Die Termin-API ist nicht gestartet.")
        os.environ["FL_APPOINTMENTS_URL"] = url
        from actions.settings import get_settings

        get_settings.cache_clear()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
