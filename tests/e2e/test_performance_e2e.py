"""The running Rasa server uses the compiled action-response validator."""

from __future__ import annotations

import secrets

import httpx
import pytest

from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


def test_running_server_validates_action_responses_with_the_compiled_validator(
    stack: Stack, rasa: httpx.Client
) -> None:
    sender = secrets.token_hex(16)
    answer = rasa.post(
        "/webhooks/rest/webhook", json={"sender": sender, "message": "Was kostet die Beratung?"}
    ).json()
    # The answer comes from the action server, so its response passed validation.
    assert "kostet Sie nichts" in "\n".join(a.get("text", "") for a in answer)
    log = (stack.tracker_db.parent / "services.log").read_text()
    rasa_lines = [line for line in log.splitlines() if line.startswith("[rasa")]
    assert any("action_validation.compiled" in line for line in rasa_lines)
