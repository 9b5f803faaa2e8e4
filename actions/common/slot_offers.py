"""Free joint slots as buttons, and answers to a named day or time that fits none or several."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.clients.appointments import AppointmentsClient, JointSlot
from actions.common import slots
from actions.common.dates import filter_by_hints, format_button, now
from actions.common.waitlist_offer import offer_waitlist, waitlist_button
from actions.errors import AppointmentsError, AppointmentsUnavailable, BookingRejected
from runtime.translations import SOURCE_LANGUAGE, tr

SLOTS_SHOWN = 4
# How far ahead a named day is looked up when it was not among the shown slots.
MORE_SLOTS = 20


async def offer_slots(
    dispatcher: CollectingDispatcher,
    question: str,
    language: str = SOURCE_LANGUAGE,
    waitlist: bool = False,
) -> list[EventType] | None:
    """Show the next free joint slots as buttons; None when there are none to show.

    With `waitlist`, no free slot hands over to the waitlist form instead (its events).
    """
    try:
        offered = await AppointmentsClient().list_slots(limit=SLOTS_SHOWN)
    except (AppointmentsUnavailable, BookingRejected):
        dispatcher.utter_message(response="utter_booking_unavailable")
        return None
    if not offered and waitlist:
        return offer_waitlist(dispatcher)
    if not offered:
        dispatcher.utter_message(response="utter_no_slots")
        return None
    remembered = _remembered(offered)
    dispatcher.utter_message(text=question, buttons=_buttons(remembered, language))
    return [SlotSet(slots.OFFERED_SLOTS, remembered)]


def _remembered(offered: list[JointSlot]) -> list[dict[str, str]]:
    """Slots as the conversation keeps them, so a typed answer can be matched later."""
    return [{"id": slot.id, "start": slot.start.isoformat()} for slot in offered]


def _buttons(
    offered: list[dict[str, str]], language: str = SOURCE_LANGUAGE
) -> list[dict[str, str]]:
    return [
        {
            "title": format_button(datetime.fromisoformat(slot["start"]), language),
            "payload": f'/choose_slot{{"appointment_slot":"{slot["id"]}"}}',
        }
        for slot in offered
    ]


async def narrow_offer(
    dispatcher: CollectingDispatcher,
    text: str,
    offered: list[dict[str, str]],
    language: str = SOURCE_LANGUAGE,
    waitlist: bool = False,
) -> dict[str, Any] | None:
    """Answer a named day or time that fits several or none of the shown slots.

    "Dienstag" with two Tuesday slots shows those two; a day that was not shown is looked
    up among the next free slots. None when the text names no day or time at all.
    With `waitlist`, a day that fits no slot also gets the way to the waitlist.
    """
    hinted, fitting = filter_by_hints(text, offered, now())
    if not hinted:
        return None
    if not fitting:
        try:
            more = await AppointmentsClient().list_slots(limit=MORE_SLOTS)
        except AppointmentsError:
            more = []
        fitting = filter_by_hints(text, _remembered(more), now())[1]
    if fitting:
        shown = fitting[:SLOTS_SHOWN]
        dispatcher.utter_message(
            text=tr("Dazu passen diese freien Termine. Welcher ist es?", language),
            buttons=_buttons(shown, language),
        )
    else:
        shown = offered
        dispatcher.utter_message(
            text=tr(
                "Dazu ist leider kein gemeinsamer Termin frei. Diese Termine sind frei:", language
            ),
            buttons=_buttons(shown, language),
        )
        if waitlist:
            waitlist_button(dispatcher, language)
    return {slots.OFFERED_SLOTS: shown, slots.SLOTS_SHOWN_NOW: True}
