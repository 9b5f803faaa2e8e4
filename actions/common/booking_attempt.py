"""Ending a booking attempt: every flow that starts or stops gives a held slot back."""

from __future__ import annotations

import contextlib

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.clients.appointments import AppointmentsClient
from actions.common import slots
from actions.errors import AppointmentsError


async def end_attempt(tracker: Tracker) -> list[EventType]:
    """Give the held slot back at once and forget this attempt's answers."""
    hold = tracker.get_slot(slots.APPOINTMENT_HOLD)
    if hold:
        # If the API is not reachable, the hold runs out by itself after a few minutes.
        with contextlib.suppress(AppointmentsError):
            await AppointmentsClient().release_hold(hold)
    return [SlotSet(slot, None) for slot in slots.BOOKING_ATTEMPT]
