"""Fixtures for action tests: a real appointments API on a free port, trackers, a dispatcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.api_server import ROOT, STAFF_AUTH, ApiServer, api_server

# Fixture and helpers the tests here import from this conftest.
__all__ = ["ROOT", "STAFF_AUTH", "ApiServer", "api_server"]


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


TrackerFactory = Callable[..., Tracker]


@pytest.fixture
def tracker_factory() -> TrackerFactory:
    """Build a tracker in a given situation: slots, latest message, active form."""

    def build(
        slots: dict[str, Any] | None = None,
        text: str = "",
        intent: str | None = None,
        entities: list[dict[str, Any]] | None = None,
        form: str | None = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0} if intent else {},
            "entities": entities or [],
        }
        return Tracker(
            sender_id="test",
            slots=slots or {},
            latest_message=latest,
            events=[],
            paused=False,
            followup_action=None,
            active_loop={"name": form} if form else {},
            latest_action_name="action_listen",
        )

    return build


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    """Everything the family sees, responses by name and texts as written."""
    return [m.get("text") or m.get("response") for m in dispatcher.messages]
