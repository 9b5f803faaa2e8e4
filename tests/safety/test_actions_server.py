"""The action server answers only Rasa: the shared secret in a header, checked first."""

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

from actions.server import authorisation_status

ROOT = Path(__file__).resolve().parents[2]
PORT = 19455 + int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
TOKEN = "t0k3n-" * 7


def call(path: str, header: str | None = None, body: bytes | None = None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", data=body)
    if header:
        request.add_header("Authorization", header)
    request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def server() -> Iterator[None]:
    env = {**os.environ, "FL_ACTIONS_TOKEN": TOKEN, "FL_ENV": "development"}
    process = subprocess.Popen(
        [sys.executable, "-m", "actions.server", "--port", str(PORT)], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if call("/health") == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Action-Server nicht gestartet:\n{process.stdout.read()}")
            time.sleep(0.5)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


UNKNOWN_ACTION = b'{"next_action": "action_gibt_es_nicht", "tracker": {}, "domain": {}}'


def test_calls_without_the_secret_get_401(server: None) -> None:
    assert call("/webhook", body=UNKNOWN_ACTION) == 401
    assert call("/actions") == 401
    assert call("/webhook", "Basic " + TOKEN, UNKNOWN_ACTION) == 401


def test_calls_with_a_wrong_secret_get_403(server: None) -> None:
    assert call("/webhook", "Bearer " + TOKEN[:-1], UNKNOWN_ACTION) == 403
    assert call("/webhook", "Bearer entwicklung-nur-lokal-actions-token", UNKNOWN_ACTION) == 403


def test_rasa_with_the_secret_gets_through(server: None) -> None:
    assert call("/actions", "Bearer " + TOKEN) == 200
    # Past the gate: rasa-sdk itself answers that the action does not exist.
    assert call("/webhook", "Bearer " + TOKEN, UNKNOWN_ACTION) == 404
    assert call("/health") == 200  # health checks need no secret


def test_a_failing_action_answers_500_without_the_conversation(server: None) -> None:
    # A tracker the action cannot read; it carries a (fake) phone number, as real ones do.
    body = (
        b'{"next_action": "action_answer_question", "domain": {},'
        b' "tracker": {"sender_id": "x", "slots": "Testname Eins 0000 000001",'
        b' "latest_message": "kaputt"}}'
    )
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}/webhook", data=body)
    request.add_header("Authorization", "Bearer " + TOKEN)
    request.add_header("Content-Type", "application/json")
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(request, timeout=10)
    assert failure.value.code == 500
    answer = failure.value.read().decode()
    # rasa-sdk's own handler would echo the request body here (its "request_body").
    assert answer == '{"error":"Aktion fehlgeschlagen"}'


def test_header_check() -> None:
    assert authorisation_status(None, TOKEN) == 401
    assert authorisation_status("Bearer x", TOKEN) == 403
    assert authorisation_status(f"Bearer {TOKEN}", TOKEN) is None
