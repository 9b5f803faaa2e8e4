"""A named day or time that fits several or none of the shown slots gets fitting buttons."""

from __future__ import annotations

from datetime import datetime

from rasa_sdk.events import SlotSet

from actions.booking import ActionAskAppointmentSlot, ValidateBookingForm
from actions.clients.appointments import AppointmentsClient
from actions.common.dates import local
from tests.actions.test_booking import FAMILY, offered_slots


def ask(tracker_factory, text: str, offered: list[dict]):
    return tracker_factory(
        {**FAMILY, "requested_slot": "appointment_slot", "offered_slots": offered},
        text=text,
        intent="choose_slot",
    )


async def test_a_weekday_with_two_slots_shows_those_two(tracker_factory, dispatcher) -> None:
    offered = [
        {"id": "a", "start": "2026-12-07T08:00:00+00:00"},  # Monday
        {"id": "b", "start": "2026-12-08T08:00:00+00:00"},  # Tuesday 09:00
        {"id": "c", "start": "2026-12-08T09:00:00+00:00"},  # Tuesday 10:00
    ]
    result = await ValidateBookingForm().extract_appointment_slot(
        dispatcher, ask(tracker_factory, "Dienstag", offered), {}
    )
    [message] = dispatcher.messages
    assert message["text"] == "Dazu passen diese freien Termine. Welcher ist es?"
    assert [b["title"] for b in message["buttons"]] == [
        "Di., 8. Dezember, 09:00 Uhr",
        "Di., 8. Dezember, 10:00 Uhr",
    ]
    assert [item["id"] for item in result["offered_slots"]] == ["b", "c"]
    assert result["slots_shown_now"] is True and result["appointment_slot"] is None
    assert "repair_count" not in result  # a fitting answer, not a failure


async def test_a_day_not_shown_is_looked_up(api_server, tracker_factory, dispatcher) -> None:
    every = await AppointmentsClient().list_slots(limit=20)
    shown = [{"id": s.id, "start": s.start.isoformat()} for s in every[:1]]
    later = next(s for s in every if local(s.start).date() != local(every[0].start).date())
    day = f"{local(later.start).day}.{local(later.start).month}."

    result = await ValidateBookingForm().extract_appointment_slot(
        dispatcher, ask(tracker_factory, f"geht auch am {day}?", shown), {}
    )
    ids = [item["id"] for item in result["offered_slots"]]
    assert later.id in ids
    assert all(
        local(datetime.fromisoformat(item["start"])).date() == local(later.start).date()
        for item in result["offered_slots"]
    )


async def test_a_taken_time_says_so_and_shows_the_free_ones(tracker_factory, dispatcher) -> None:
    offered = [{"id": "a", "start": "2026-12-07T08:00:00+00:00"}]
    result = await ValidateBookingForm().extract_appointment_slot(
        dispatcher, ask(tracker_factory, "Sonntag um 3", offered), {}
    )
    message, waitlist = dispatcher.messages
    assert message["text"].startswith("Dazu ist leider kein gemeinsamer Termin frei.")
    assert result["offered_slots"] == offered
    # The named day is full: the waitlist is the other way (actions/waitlist.py).
    assert waitlist["buttons"][0]["title"] == "Auf die Warteliste"


async def test_the_ask_action_does_not_repeat_shown_slots(
    api_server, tracker_factory, dispatcher
) -> None:
    events = await ActionAskAppointmentSlot().run(
        dispatcher, tracker_factory({"slots_shown_now": True}), {}
    )
    assert events == [SlotSet("slots_shown_now", False)]
    assert dispatcher.messages == []
    assert await offered_slots(api_server, tracker_factory, dispatcher)
