"""Needs a family mentions while asking (a language, step-free access), kept for staff."""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.common import slots
from runtime.translations import family_language, tr

# Languages families in NRW most often need, as people write them in German.
_LANGUAGES = {
    "arabisch": "Arabisch", "türkisch": "Türkisch", "russisch": "Russisch",
    "ukrainisch": "Ukrainisch", "englisch": "Englisch", "kurdisch": "Kurdisch",
    "kurmandschi": "Kurdisch", "persisch": "Persisch", "farsi": "Persisch", "dari": "Dari",
    "paschtu": "Paschtu", "polnisch": "Polnisch", "rumänisch": "Rumänisch",
    "bulgarisch": "Bulgarisch", "albanisch": "Albanisch", "serbisch": "Serbisch",
    "kroatisch": "Kroatisch", "bosnisch": "Bosnisch", "französisch": "Französisch",
    "spanisch": "Spanisch", "italienisch": "Italienisch", "griechisch": "Griechisch",
    "tigrinya": "Tigrinya", "somali": "Somali", "vietnamesisch": "Vietnamesisch",
}  # fmt: skip
_ACCESS = re.compile(
    r"\b(?:rollstuhl\w*|rollator|barrierefrei\w*|stufenlos|aufzug|fahrstuhl|gehbehindert\w*|"
    r"kinderwagen|treppen?)\b",
    re.IGNORECASE,
)


def language_in(text: str) -> str | None:
    """The first language named in the text, in its German name."""
    lowered = text.lower()
    for word, name in _LANGUAGES.items():
        if re.search(rf"\b{word}\b", lowered):
            return name
    return None


def noted_needs(tracker: Tracker, intent: str) -> list[EventType]:
    """Slot events for the needs in the latest message (interpreter, language, access)."""
    text = tracker.latest_message.get("text") or ""
    events: list[EventType] = []
    if intent == "ask_interpreter":
        events.append(SlotSet(slots.INTERPRETER_NEEDED, True))
        language = language_in(text)
        if language:
            events.append(SlotSet(slots.INTERPRETER_LANGUAGE, language))
    if _ACCESS.search(text):
        events.append(SlotSet(slots.ACCESSIBILITY_NEEDED, True))
    return events


def needs_lines(tracker: Tracker) -> list[str]:
    """Lines for the booking summary, in the family's language: what staff will be told."""
    code = family_language(tracker)
    lines = []
    if tracker.get_slot(slots.INTERPRETER_NEEDED):
        language = tracker.get_slot(slots.INTERPRETER_LANGUAGE)
        if language:
            lines.append(tr("Dolmetschen: {language}", code).format(language=language))
        else:
            lines.append(tr("Dolmetschen: ja", code))
    if tracker.get_slot(slots.ACCESSIBILITY_NEEDED):
        lines.append(tr("Barrierefreier Zugang: ja", code))
    return lines
