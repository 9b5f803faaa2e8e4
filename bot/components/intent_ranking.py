"""Changing a message's intent after the classifiers, keeping the rest of their ranking."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message


def ranking_without(message: Message, name: str) -> list[dict[str, Any]]:
    """The classifiers' ranking of the message without the intent `name`."""
    return [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != name]


def put_first(message: Message, name: str) -> None:
    """Make `name` the message's intent with full confidence, the others ranked after it."""
    chosen = {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *ranking_without(message, name)], add_to_output=True)
