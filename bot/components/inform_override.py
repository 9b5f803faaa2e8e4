"""Read an unsure message with ages or a situation as the family telling about itself."""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
)
from rasa.shared.nlu.training_data.message import Message

from .rule_component import RuleComponent

COMPONENT_VERSION = "1"
INFORM_INTENTS = ("inform_child_age", "inform_situation")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InformOverride(RuleComponent):
    """Turn `nlu_fallback` into an inform intent when the message carries its entities.

    "ich bin alleinerziehend, mein Sohn ist 3" is split between inform_situation and
    inform_child_age, so the fallback asks "Meinten Sie …?" although both lead to the same
    next step. When the classifier's best guess is one of the two and the extractors found
    an age or a situation, that guess is taken. Questions keep their fallback.
    """

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Return the rule version for Rasa's training cache."""
        return f"inform_override-{COMPONENT_VERSION}"

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace the fallback by the classifier's inform guess where entities back it."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME:
                continue
            ranking = [
                r
                for r in message.get(INTENT_RANKING_KEY) or []
                if r.get(INTENT_NAME_KEY) != DEFAULT_NLU_FALLBACK_INTENT_NAME
            ]
            found = {e.get(ENTITY_ATTRIBUTE_TYPE) for e in message.get(ENTITIES) or []}
            if not ranking or ranking[0].get(INTENT_NAME_KEY) not in INFORM_INTENTS:
                continue
            if not found & {"child_age", "situation"}:
                continue
            best = {
                INTENT_NAME_KEY: ranking[0][INTENT_NAME_KEY],
                PREDICTED_CONFIDENCE_KEY: ranking[0].get(PREDICTED_CONFIDENCE_KEY),
            }
            message.set(INTENT, best, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
