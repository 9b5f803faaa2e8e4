"""Reading the tracker: the latest intent and entities, the children's ages, the target group."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from actions import content
from actions.common import slots

# Intents that leave the current question to a rule (emergency contacts first, answers
# to questions); the form must reject them instead of counting a failed answer.
# Every intent with an answer in data/content/answers.yml is such a question.
_RULE_INTENTS = frozenset(
    {
        "emergency",
        "bot_challenge",
        "request_human",
        "request_callback",
        "goodbye",
        "skip_question",
        "correct_details",
        # A stated wish to book is handled as that wish at every question (rules in
        # data/rules/wishes.yml), never counted as a failed answer.
        "book_appointment",
        # "Was gibt es für uns?": the overview again (actions/exact_answers.py).
        "ask_overview",
        # Cancelling or moving starts its own flow at every question (data/rules/wishes.yml).
        "cancel_appointment",
        "reschedule_appointment",
        # "Hallo" or "Danke" at a question is answered kindly and the question asked again
        # (data/rules/small_talk.yml); it is never a failed answer.
        "greet",
        "thank",
        # "Können wir Englisch sprechen?": the language changes, the question comes again
        # in it (data/rules/language.yml).
        "change_language",
    }
)


def is_interrupting(intent: str | None) -> bool:
    """True when a rule, not the running form, should handle this intent."""
    return intent in _RULE_INTENTS or intent in content.answers()


MAX_AGE = 17
TARGET_AGES = range(3, 9)


def latest_intent(tracker: Tracker) -> str | None:
    """Return the name of the intent of the latest user message."""
    return (tracker.latest_message.get("intent") or {}).get("name")


def entity_values(tracker: Tracker, entity: str) -> list[Any]:
    """Return the values of all entities of one type in the latest user message."""
    return [
        e.get("value") for e in tracker.latest_message.get("entities", []) if e["entity"] == entity
    ]


def child_ages(tracker: Tracker) -> list[int]:
    """The children's ages as whole numbers (slot values may arrive as strings)."""
    return [int(age) for age in tracker.get_slot(slots.CHILD_AGES) or []]


def target_group_gap(child_ages: list[int] | None, receives_sgb2: bool | None) -> str | None:
    """Say why the joint consultation does not fit this family, or None when it does."""
    if receives_sgb2 is False:
        return "no_sgb2"
    if child_ages and not any(age in TARGET_AGES for age in child_ages):
        # Children on both sides of the range count as too old: the older ones decide
        # which other offers fit.
        return "too_old" if max(child_ages) > TARGET_AGES[-1] else "too_young"
    return None
