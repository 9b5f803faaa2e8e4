"""Set the entity `language` (the conversation's language) on a message, when it is known.

In this order (the slot `language` is filled from the entity, bot/domain/language.yml):
1. a request to switch ("Können wir Englisch sprechen?", intent change_language, also set
   here for fixed switch phrases) that names a supported language: that language;
2. the family's explicit choice in the widget: message metadata {"language": "<code>"}
   (REST `metadata`, socket.io `customData`);
3. the language recognised from the text, only when that is safe
   (bot/components/language_detection.py).
Otherwise no entity, and the slot keeps its value (empty means German).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import ENTITY_ATTRIBUTE_CONFIDENCE_TYPE
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.constants import INTENT_MESSAGE_PREFIX
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from .intent_ranking import put_first, ranking_without
from .language_detection import detect_language
from .language_names import SUPPORTED, named_languages
from .language_switch import could_be_switch_request, is_switch_request
from .rule_component import RuleComponent

# Bump whenever the rules change, so cached models are not reused.
COMPONENT_VERSION = "3"
LANGUAGE = "language"
CHANGE_LANGUAGE = "change_language"
EMERGENCY = "emergency"
METADATA = "metadata"
# Longer messages are refused by the chat channel before NLU; the detector's cost grows
# with the text.
MAX_TEXT_CHARS = 2000


def chosen_language(metadata: Any) -> str | None:
    """The supported language code the client sent as metadata, if any."""
    if not isinstance(metadata, dict):
        return None
    code = metadata.get(LANGUAGE)
    if not isinstance(code, str):
        return None
    code = code.strip().lower().split("-")[0]
    return code if code in SUPPORTED else None


def conversation_language(
    text: str, intent: str | None, metadata: Any
) -> tuple[str, int, int] | None:
    """(code, start, end) of the conversation's language for this message, or None."""
    if intent == CHANGE_LANGUAGE:
        named = named_languages(text)
        if named:
            return named[0]
    chosen = chosen_language(metadata)
    if chosen:
        return chosen, 0, 0
    if len(text) > MAX_TEXT_CHARS:
        return None
    detected = detect_language(text)
    return (detected, 0, len(text)) if detected else None


def _make_switch_request(message: Message) -> str:
    """Put change_language first: a fixed switch phrase names this chat's language."""
    put_first(message, CHANGE_LANGUAGE)
    return CHANGE_LANGUAGE


def _next_intent(message: Message) -> str | None:
    """Drop change_language from the top; the next intent of the ranking takes its place."""
    ranking = ranking_without(message, CHANGE_LANGUAGE)
    if not ranking:
        return None
    message.set(INTENT, dict(ranking[0]), add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    return ranking[0].get(INTENT_NAME_KEY)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LanguageDetector(RuleComponent, EntityExtractorMixin):
    """Add the entity `language`; placed after the intent classifiers and overrides.

    A fixed switch phrase (language_switch.py) also sets the intent change_language.
    """

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Return the rule version for Rasa's training cache."""
        return f"language_detector-{COMPONENT_VERSION}"

    def process(self, messages: list[Message]) -> list[Message]:
        """Add one `language` entity to each message whose language is known."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith(INTENT_MESSAGE_PREFIX):
                # Button payloads carry no language; the metadata still may.
                text = ""
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent not in (CHANGE_LANGUAGE, EMERGENCY) and is_switch_request(text):
                intent = _make_switch_request(message)
            elif intent == CHANGE_LANGUAGE and not could_be_switch_request(
                text, bool(named_languages(text))
            ):
                intent = _next_intent(message)
            found = conversation_language(text, intent, message.get(METADATA))
            existing = [
                e for e in message.get(ENTITIES, []) if e.get(ENTITY_ATTRIBUTE_TYPE) != LANGUAGE
            ]
            if found is None:
                continue
            code, start, end = found
            entity = {
                ENTITY_ATTRIBUTE_TYPE: LANGUAGE,
                ENTITY_ATTRIBUTE_VALUE: code,
                ENTITY_ATTRIBUTE_START: start,
                ENTITY_ATTRIBUTE_END: end,
                ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: 1.0,
            }
            message.set(ENTITIES, existing + self.add_extractor_name([entity]), add_to_output=True)
        return messages
