"""Rasa sends the domain only to the form validations, the only actions that read it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "bot" / "domain"))
ENDPOINTS = ["bot/endpoints.yml", "deploy/cluster/endpoints.yml"]


@pytest.fixture(params=ENDPOINTS)
def endpoint(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> object:
    path = ROOT / request.param
    for name in re.findall(r"\$\{(\w+)\}", path.read_text(encoding="utf-8")):
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("FL_ACTIONS_URL", "http://127.0.0.1:9/webhook")
    return read_endpoint_config(str(path), "action_endpoint")


def call(name: str, endpoint: object) -> dict:
    tracker = DialogueStateTracker.from_events("t", [], DOMAIN.slots)
    return RemoteAction(name, endpoint)._action_call_format(tracker, DOMAIN)  # type: ignore[arg-type]


def test_only_form_validations_get_the_domain(endpoint: object) -> None:
    assert "domain" not in call("action_answer_question", endpoint)
    assert "domain" in call("validate_booking_form", endpoint)


def test_no_other_action_reads_the_domain() -> None:
    """If an action starts to use `domain`, it must say `send_domain: true` in the domain."""
    readers = []
    for path in sorted((ROOT / "actions").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bdomain\s*(\[|\.get\(|\.items\(|\.keys\()", text):
            readers.append(path.relative_to(ROOT).as_posix())
    assert readers == []
