"""Needs a family mentions in the chat reach the booking, so staff can prepare."""

from __future__ import annotations

import re

import pytest
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerQuestion
from actions.booking import ActionBookAppointment, booking_summary
from actions.common.needs import language_in
from tests.actions.test_booking import booking_slots, offered_slots


def test_languages_are_named_in_german() -> None:
    assert language_in("Ich spreche Arabisch und ein bisschen Deutsch") == "Arabisch"
    assert language_in("farsi bitte") == "Persisch"
    assert language_in("Brauche ich einen Dolmetscher?") is None


async def test_interpreter_question_notes_the_language(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "contact_name"},
        text="Brauche ich einen Dolmetscher? Ich spreche Arabisch",
        intent="ask_interpreter",
        form="booking_form",
    )
    events = await ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert SlotSet("interpreter_needed", True) in events
    assert SlotSet("interpreter_language", "Arabisch") in events
    assert dispatcher.messages[-1]["text"] == "Das habe ich für Ihren Termin notiert."


async def test_wheelchair_question_notes_step_free_access(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(text="Komme ich mit dem Rollstuhl rein?", intent="ask_location")
    events = await ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert SlotSet("accessibility_needed", True) in events


async def test_needs_are_shown_and_booked(api_server, tracker_factory, dispatcher) -> None:
    slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
    state = booking_slots(
        slot["id"],
        contact_phone="0171 3332221",
        interpreter_language="Arabisch",
        interpreter_needed=True,
        accessibility_needed=True,
    )
    summary = booking_summary(tracker_factory(state))
    assert "Dolmetschen: Arabisch" in summary and "Barrierefreier Zugang: ja" in summary
    dispatcher.messages.clear()

    await ActionBookAppointment().run(dispatcher, tracker_factory(state), {})

    reference = re.search(r"Ihre Buchungsnummer: (\S+)", dispatcher.messages[-1]["text"]).group(1)
    [stored] = [b for b in api_server.staff_bookings() if b["reference"] == reference]
    assert stored["language"] == "Arabisch"
    assert stored["interpreter_needed"] is True and stored["accessibility_needed"] is True


@pytest.mark.parametrize(
    ("language", "interpreter", "access"),
    [
        ("en", "Interpreter (Dolmetschen): yes", "Step-free access (barrierefrei): yes"),
        ("ru", "Переводчик (Dolmetschen): да", "Безбарьерный доступ (barrierefrei): да"),
    ],
)
def test_needs_in_the_summary_are_in_the_family_language(
    tracker_factory, language: str, interpreter: str, access: str
) -> None:
    """A walk in Arabic and Russian found "Dolmetschen: ja" in German in the summary."""
    state = booking_slots(
        "x", interpreter_needed=True, accessibility_needed=True, language=language
    )
    summary = booking_summary(tracker_factory(state))
    assert interpreter in summary and access in summary
    assert "Dolmetschen: ja" not in summary
