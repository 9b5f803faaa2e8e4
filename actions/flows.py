"""Starting and leaving a flow (booking, changing a booking, callback): nothing old stays.

A family may leave one flow for another at any point ("Stopp", a callback in the middle of
a booking). Each start and each goodbye clears what the other flows collected and gives a
held slot back, so no contact data or slot choice leaks into the next flow.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import slots
from actions.common.booking_attempt import end_attempt
from actions.common.references import find_reference
from actions.common.slots import CALLBACK_ATTEMPT, CANCEL, MANAGE_SLOTS, RESCHEDULE
from actions.common.tracker import latest_intent
from actions.common.wishes import cannot_come_only
from runtime.translations import family_language, tr


async def reset_flows(tracker: Tracker) -> list[EventType]:
    """Free a held slot and clear the slots of every flow."""
    events = await end_attempt(tracker)
    cleared = {event["name"] for event in events}
    return events + [
        SlotSet(name, None) for name in (*MANAGE_SLOTS, *CALLBACK_ATTEMPT) if name not in cleared
    ]


class ActionEndFlow(Action):
    """The family left a flow (e.g. "Stopp"): free the slot, keep nothing."""

    def name(self) -> str:
        return "action_end_flow"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return await reset_flows(tracker)


class ActionStartManage(Action):
    """Remember whether to cancel or move, and take a reference the family already gave."""

    def name(self) -> str:
        return "action_start_manage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        action = CANCEL if latest_intent(tracker) == "cancel_appointment" else RESCHEDULE
        reference = find_reference(tracker.latest_message.get("text") or "") or tracker.get_slot(
            slots.BOOKING_REFERENCE
        )
        language = family_language(tracker)
        if cannot_come_only(tracker.latest_message.get("text") or ""):
            # "Ich kann morgen nicht kommen" says neither: the family chooses, by a button
            # now or by typing it at the next question (actions/manage.py).
            dispatcher.utter_message(
                text=tr(
                    "Schade, dass Sie nicht kommen können. Ich kann Ihren Termin absagen "
                    "oder auf einen anderen Tag verschieben. Was möchten Sie?",
                    language,
                ),
                buttons=[
                    {"title": tr("Termin absagen", language), "payload": "/cancel_appointment"},
                    {
                        "title": tr("Termin verschieben", language),
                        "payload": "/reschedule_appointment",
                    },
                ],
            )
        elif action == CANCEL:
            dispatcher.utter_message(
                text=tr("Gern helfe ich Ihnen, Ihren Termin abzusagen.", language)
            )
        else:
            dispatcher.utter_message(
                text=tr("Gern helfe ich Ihnen, Ihren Termin zu verschieben.", language)
            )
        return [
            *await reset_flows(tracker),
            SlotSet(slots.MANAGE_ACTION, action),
            SlotSet(slots.MANAGE_REFERENCE, reference),
        ]


class ActionStartCallback(Action):
    """Start a callback request; a booking begun before gives its slot back."""

    def name(self) -> str:
        return "action_start_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_callback_intro")
        return await reset_flows(tracker)
