"""Set the intent to `emergency` for messages that name acute danger (after the classifier)."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from runtime.crisis_patterns import is_crisis

from .intent_ranking import put_first
from .rule_component import RuleComponent

# Bump whenever the patterns change, so cached models are not reused.
COMPONENT_VERSION = "4"
EMERGENCY = "emergency"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyOverride(RuleComponent):
    """Put `emergency` first when a crisis phrase matches; the classifier may miss rare ones.

    Placed after FallbackClassifier: a crisis message read as `nlu_fallback` or as an
    answer to a form question would otherwise not get the emergency numbers at once.
    """

    @staticmethod
    def supported_languages() -> list[str]:
        """Return the languages the patterns cover."""
        return ["de", "en", "ar", "uk", "ru", "tr"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Return the pattern version for Rasa's training cache."""
        return f"emergency_override-{COMPONENT_VERSION}"

    def process(self, messages: list[Message]) -> list[Message]:
        """Override the intent of crisis messages; leave all others untouched."""
        for message in messages:
            text = message.get(TEXT)
            if not text or text.startswith(INTENT_MESSAGE_PREFIX) or not is_crisis(text):
                continue
            current = message.get(INTENT) or {}
            if current.get(INTENT_NAME_KEY) == EMERGENCY:
                continue
            put_first(message, EMERGENCY)
        return messages
