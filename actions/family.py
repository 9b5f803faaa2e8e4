"""Who the family is: children's ages and Bürgergeld, shared by both forms."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions import content, slots
from actions.contact import clean_name

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
    }
)


def is_interrupting(intent: str | None) -> bool:
    """True when a rule, not the running form, should handle this intent."""
    return intent in _RULE_INTENTS or intent in content.answers()


MAX_AGE = 17
TARGET_AGES = range(3, 9)
_NEGATION = re.compile(r"\b(?:kein\w*|nicht|nein|nö|noe|nee|ne)\b", re.IGNORECASE)


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


# Slots an extract_* method sets besides the requested one. The SDK keeps extracted
# values only for required slots and would drop these silently.
PASS_THROUGH_SLOTS = (
    slots.REPAIR_COUNT,
    # One answer may give phone and e-mail; with an e-mail the phone is no longer required
    # and would be dropped although the family gave it.
    slots.CONTACT_PHONE,
    slots.CONTACT_EMAIL,
    slots.OFFERED_SLOTS,
    slots.SLOTS_SHOWN_NOW,
    slots.CONSENT_VERSION,
    slots.CONSENT_GIVEN_AT,
    # The language of the consent text shown (bot/domain/translation.yml).
    "consent_text_language",
)


# The family questions may stay open: the explanation then covers all ages. The booking
# asks them again, because staff need them.
SKIPPABLE = (slots.CHILD_AGES, slots.RECEIVES_SGB2)


class PassThroughMixin:
    """Keep slots an extract_* method sets besides the requested one.

    The SDK keeps extracted values only for required slots and drops the others silently
    (a phone number given with an e-mail address, the slots a narrowed offer shows).
    """

    pass_through: tuple[str, ...] = ()

    async def get_validation_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        """Validate as the SDK does, then keep the pass-through slots set this turn."""
        extracted = tracker.slots_to_validate()
        events = await super().get_validation_events(dispatcher, tracker, domain)  # type: ignore[misc]
        returned = {event["name"] for event in events}
        return events + [
            SlotSet(name, extracted[name])
            for name in self.pass_through
            if name in extracted and name not in returned
        ]


class FamilySlotsMixin(PassThroughMixin):
    """Extraction and validation of the questions several forms share: ages, Bürgergeld, name."""

    pass_through = PASS_THROUGH_SLOTS

    def validate_contact_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Accept a name in letters; numbers and e-mail addresses are not names."""
        if value is None:
            # Cleared by a flow that ended (actions/flows.py), not a name the family gave.
            return {slots.CONTACT_NAME: None}
        name = clean_name(str(value or ""))
        if name is None:
            return self._repair(
                dispatcher, tracker, slots.CONTACT_NAME, "utter_contact_name_invalid"
            )
        return {slots.CONTACT_NAME: name, slots.REPAIR_COUNT: 0}

    # Questions a family may leave unanswered here; the booking needs every answer.
    skippable: tuple[str, ...] = ()

    def _repair(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, slot: str, response: str
    ) -> dict[str, Any]:
        """Answer a failed attempt; after two, offer a way out instead of asking forever."""
        count = int(tracker.get_slot(slots.REPAIR_COUNT) or 0) + 1
        dispatcher.utter_message(response=response)
        if count >= 2:
            skippable = slot in self.skippable
            offer = "utter_repair_offer" if skippable else "utter_repair_offer_required"
            dispatcher.utter_message(response=offer)
        return {slot: None, slots.REPAIR_COUNT: count}

    def _is_requested(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and not is_interrupting(
            latest_intent(tracker)
        )

    async def extract_child_ages(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Explain the expected answer when the ages question got none."""
        if not self._is_requested(tracker, slots.CHILD_AGES):
            return {}
        if entity_values(tracker, "child_age"):
            return {}  # the from_entity mapping fills the slot
        return self._repair(
            dispatcher, tracker, slots.CHILD_AGES, "utter_child_ages_not_understood"
        )

    def validate_child_ages(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Keep whole years from 0 to 17, one per child."""
        if value is None:
            return {slots.CHILD_AGES: None}
        values = value if isinstance(value, list) else [value]
        try:
            ages = [int(v) for v in values]
        except (TypeError, ValueError):
            ages = []
        if not ages or any(age < 0 or age > MAX_AGE for age in ages):
            dispatcher.utter_message(response="utter_child_ages_out_of_range")
            return {slots.CHILD_AGES: None}
        return {slots.CHILD_AGES: ages, slots.REPAIR_COUNT: 0}

    async def extract_receives_sgb2(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read "ja", "nein" or "wir bekommen Bürgergeld" as the answer."""
        if not self._is_requested(tracker, slots.RECEIVES_SGB2):
            return {}
        intent = latest_intent(tracker)
        text = (tracker.latest_message.get("text") or "").lower()
        if intent == "affirm":
            return {slots.RECEIVES_SGB2: True, slots.REPAIR_COUNT: 0}
        if intent == "deny":
            return {slots.RECEIVES_SGB2: False, slots.REPAIR_COUNT: 0}
        if "buergergeld" in entity_values(tracker, "situation"):
            return {slots.RECEIVES_SGB2: not _NEGATION.search(text), slots.REPAIR_COUNT: 0}
        return self._repair(
            dispatcher, tracker, slots.RECEIVES_SGB2, "utter_receives_sgb2_not_understood"
        )


class ValidateFamilyForm(FamilySlotsMixin, FormValidationAction):
    """Validate the questions about the family before the explanation."""

    skippable = SKIPPABLE

    def name(self) -> str:
        return "validate_family_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Leave out skipped questions, and Bürgergeld when no child is in the target age."""
        ages = tracker.get_slot(slots.CHILD_AGES)
        skipped = set(tracker.get_slot(slots.SKIPPED_SLOTS) or [])
        if target_group_gap(ages, None):
            return [slots.CHILD_AGES]
        return [slot for slot in domain_slots if slot not in skipped]


class ActionSkipQuestion(Action):
    """Leave the current family question out when the family asks to skip it."""

    def name(self) -> str:
        return "action_skip_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        requested = tracker.get_slot("requested_slot")
        if requested not in SKIPPABLE:
            dispatcher.utter_message(response="utter_cannot_skip")
            return []
        dispatcher.utter_message(response="utter_question_skipped")
        skipped = [*(tracker.get_slot(slots.SKIPPED_SLOTS) or []), requested]
        return [
            SlotSet(slots.SKIPPED_SLOTS, skipped),
            SlotSet(slots.REPAIR_COUNT, 0),
            SlotSet("requested_slot", None),
        ]
