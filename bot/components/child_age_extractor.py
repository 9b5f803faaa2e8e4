"""Rasa entity extractor that adds one `child_age` entity per child named in the text."""

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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from .german_ages import AgeMention, extract_child_ages
from .multilingual_ages import extract_ages, normalise_digits
from .rule_component import RuleComponent

# Bump whenever extraction rules change, so cached models are not reused.
COMPONENT_VERSION = "2"
# The chat channel refuses longer messages before NLU (connectors/socketio_channel.py);
# a channel without that limit must not make the rule scan (not linear in the number of
# tokens) hold up every other conversation.
MAX_TEXT_CHARS = 2000
CHILD_AGE = "child_age"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ChildAgeExtractor(RuleComponent, EntityExtractorMixin):
    """Extract children's ages (0–17) as `child_age` entities, in every supported language."""

    @staticmethod
    def supported_languages() -> list[str]:
        """Return the languages the rules cover (German, multilingual_ages.py)."""
        return ["de", "en", "ar", "uk", "ru", "tr"]

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str:
        """Return the rule version for Rasa's training cache."""
        return f"child_age_extractor-{COMPONENT_VERSION}"

    def process(self, messages: list[Message]) -> list[Message]:
        """Append `child_age` entities that no earlier extractor has found."""
        for message in messages:
            text = message.get(TEXT)
            # "/choose_slot{...}" payloads carry their own entities (RegexMessageHandler).
            if not text or text.startswith(INTENT_MESSAGE_PREFIX) or len(text) > MAX_TEXT_CHARS:
                continue
            existing = message.get(ENTITIES, [])
            found = _without_existing(child_ages(text), existing)
            entities = self.add_extractor_name([_to_entity(m) for m in found])
            message.set(ENTITIES, existing + entities, add_to_output=True)
        return messages


def child_ages(text: str) -> list[AgeMention]:
    """German mentions first, then those of the other languages that do not overlap them."""
    german = extract_child_ages(normalise_digits(text))
    other = [
        AgeMention(m.value, m.start, m.end)
        for m in extract_ages(text)
        if not any(g.start < m.end and m.start < g.end for g in german)
    ]
    return sorted(german + other, key=lambda m: m.start)


def _without_existing(
    mentions: list[AgeMention], existing: list[dict[str, Any]]
) -> list[AgeMention]:
    # Each existing child_age entity (from DIET, a regex or an earlier run) accounts for one
    # overlapping mention; "beide 5" yields two mentions on one span, so count, don't filter.
    unclaimed = [e for e in existing if e.get(ENTITY_ATTRIBUTE_TYPE) == CHILD_AGE]
    kept = []
    for mention in mentions:
        match = next((e for e in unclaimed if _overlaps(mention, e)), None)
        if match is None:
            kept.append(mention)
        else:
            unclaimed.remove(match)
    return kept


def _overlaps(mention: AgeMention, entity: dict[str, Any]) -> bool:
    start = entity.get(ENTITY_ATTRIBUTE_START, -1)
    end = entity.get(ENTITY_ATTRIBUTE_END, -1)
    return start < mention.end and mention.start < end


def _to_entity(mention: AgeMention) -> dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: CHILD_AGE,
        ENTITY_ATTRIBUTE_VALUE: mention.value,
        ENTITY_ATTRIBUTE_START: mention.start,
        ENTITY_ATTRIBUTE_END: mention.end,
        ENTITY_ATTRIBUTE_CONFIDENCE_TYPE: 1.0,
    }
