"""The running Rasa server uses the adapters for Rasa's hot paths (bot/hot_paths.py)."""

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
    for adapter in (
        "action_validation.compiled",
        "event_types.cached",
        "state_history.incremental",
        "deferred_ted.installed",
    ):
        assert any(adapter in line for line in rasa_lines), adapter
