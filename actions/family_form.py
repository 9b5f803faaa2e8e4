"""The family questions before the explanation: their form, and skipping a question."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import slots
from actions.common.forms import FamilySlotsMixin
from actions.common.slots import SKIPPABLE
from actions.common.tracker import child_ages, target_group_gap


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
        ages = child_ages(tracker)  # whole numbers, also from a button payload
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
