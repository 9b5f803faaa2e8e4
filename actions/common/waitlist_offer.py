"""Hand a booking with no free joint slot over to the waitlist (actions/waitlist.py)."""

from __future__ import annotations

from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

WAITLIST_FORM = "waitlist_form"


def offer_waitlist(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Say that nothing is free, end the booking form and let the waitlist form ask.

    The waitlist form's first question explains the waitlist and asks for a yes or no, so
    a family that does not want it is not asked for anything else.
    """
    dispatcher.utter_message(response="utter_no_slots_waitlist")
    return [SlotSet("requested_slot", None), ActiveLoop(None), FollowupAction(WAITLIST_FORM)]
