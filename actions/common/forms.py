"""Form mixins: pass-through slots, and the family questions several forms share."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import content
from actions.common import review_inbox, slots
from actions.common.contact import clean_name, plain_name
from actions.common.slots import PASS_THROUGH_SLOTS
from actions.common.tracker import MAX_AGE, entity_values, is_interrupting, latest_intent

# Intents a short name may be mistaken for; safety and flow intents (emergency, cancelling,
# a human) always keep their rules.
_SMALL_TALK = frozenset({"greet", "thank"})
_NEGATION = re.compile(r"\b(?:kein\w*|nicht|nein|nö|noe|nee|ne)\b", re.IGNORECASE)


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

    pass_through: tuple[str, ...] = PASS_THROUGH_SLOTS

    async def extract_contact_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take a plain name the classifier read as a greeting, thanks or a question.

        The slot mapping leaves these intents to their rules, so "Henrike Quastenberg" read
        as `greet` got "Hallo! … Ich frage noch einmal" and the name question again, the same
        each time: a loop the family could not leave. Filled here, the form goes on.
        """
        if tracker.get_slot("requested_slot") != slots.CONTACT_NAME:
            return {}
        intent = latest_intent(tracker)
        if intent not in _SMALL_TALK and intent not in content.answers():
            return {}
        name = plain_name(tracker.latest_message.get("text") or "")
        # One word read as a greeting is more likely one ("Merhaba") than a name.
        if not name or (intent in _SMALL_TALK and len(name.split()) < 2):
            return {}
        return {slots.CONTACT_NAME: name}

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
            review_inbox.report_repair(tracker, slot, response)
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
