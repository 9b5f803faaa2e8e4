"""Leaving a booking frees the held slot; names and both contacts are kept as given."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from actions.answers import ActionAnswerQuestion
from actions.booking import (
    ActionBookAppointment,
    ActionChangeBookingDetails,
    ValidateBookingForm,
    booking_summary,
)
from actions.common.contact import plain_name
from actions.flows import ActionEndFlow, ActionStartCallback
from tests.actions.conftest import ApiServer, TrackerFactory
from tests.actions.test_booking import FAMILY, booking_slots, offered_slots


async def held_slot(api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher):
    """Offer slots and choose the first, as the form does: the API holds it."""
    offered = await offered_slots(api_server, tracker_factory, dispatcher)
    chosen = offered[0]
    tracker = tracker_factory({**FAMILY, "offered_slots": offered})
    result = await ValidateBookingForm().validate_appointment_slot(
        chosen["id"], dispatcher, tracker, {}
    )
    assert result["appointment_hold"]
    ids = [s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)]
    assert chosen["id"] not in ids
    return chosen, result["appointment_hold"]


async def test_no_to_consent_frees_the_slot_at_once(api_server, tracker_factory, dispatcher):
    chosen, hold = await held_slot(api_server, tracker_factory, dispatcher)
    refused = booking_slots(chosen["id"], consent_joint_counselling=False, appointment_hold=hold)

    events = await ActionBookAppointment().run(dispatcher, tracker_factory(refused), {})

    assert SlotSet("appointment_hold", None) in events
    ids = [s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)]
    assert chosen["id"] in ids


async def test_stopping_the_booking_frees_the_slot(api_server, tracker_factory, dispatcher):
    chosen, hold = await held_slot(api_server, tracker_factory, dispatcher)
    left = {**FAMILY, "appointment_slot": chosen["id"], "appointment_hold": hold}

    events = await ActionEndFlow().run(dispatcher, tracker_factory(left), {})

    assert SlotSet("contact_name", None) in events and SlotSet("appointment_slot", None) in events
    ids = [s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)]
    assert chosen["id"] in ids


def test_summary_names_phone_and_email(tracker_factory) -> None:
    both = booking_slots("x", contact_email="maria@example.de")
    summary = booking_summary(tracker_factory(both))
    assert "So erreichen wir Sie: 0171 2345678 oder maria@example.de" in summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Henrike Quastenberg", "Henrike Quastenberg"),
        ("Ayşe Yıldız-Demir", "Ayşe Yıldız-Demir"),
        ("Kita Kosten", None),
        ("Vielen Dank", None),
        ("Guten Morgen", None),
        ("Was kostet das?", None),
        ("meine kinder streiten oft", None),
        ("Ich heiße Maria", "Maria"),
    ],
)
def test_plain_name(text: str, expected: str | None) -> None:
    assert plain_name(text) == expected


@pytest.mark.parametrize("intent", ["ask_parenting_help", "greet", "thank"])
async def test_a_name_read_as_a_question_or_greeting_is_taken_as_the_name(
    tracker_factory, dispatcher, intent: str
):
    """The CI run of 7f9734f read "Henrike Quastenberg" as `greet`: "Hallo! … Ich frage
    noch einmal" and the name question again, each time."""
    tracker = tracker_factory(
        {"requested_slot": "contact_name"},
        text="Henrike Quastenberg",
        intent=intent,
        form="booking_form",
    )
    found = await ValidateBookingForm().extract_contact_name(dispatcher, tracker, {})
    assert found == {"contact_name": "Henrike Quastenberg"}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("text", "intent", "requested"),
    [
        ("Hallo", "greet", "contact_name"),
        ("Vielen Dank", "thank", "contact_name"),
        ("Guten Tag", "greet", "contact_name"),
        ("Merhaba", "greet", "contact_name"),
        ("Assalamu Alaikum", "greet", "contact_name"),
        ("Добрый День", "greet", "contact_name"),
        ("İyi Günler", "greet", "contact_name"),
        ("Спасибо Большое", "thank", "contact_name"),
        ("Was kostet das?", "ask_costs", "contact_name"),
        ("Henrike Quastenberg", "emergency", "contact_name"),
        ("Henrike Quastenberg", "cancel_appointment", "contact_name"),
        ("Henrike Quastenberg", "greet", "contact_phone"),
    ],
)
async def test_greetings_questions_and_other_steps_are_not_names(
    tracker_factory, dispatcher, text: str, intent: str, requested: str
):
    tracker = tracker_factory(
        {"requested_slot": requested}, text=text, intent=intent, form="booking_form"
    )
    assert await ValidateBookingForm().extract_contact_name(dispatcher, tracker, {}) == {}


async def test_a_real_question_at_the_name_step_is_answered(tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"requested_slot": "contact_name"}, text="Was kostet das?", intent="ask_costs"
    )
    await ActionAnswerQuestion().run(dispatcher, tracker, {})
    assert "kostet Sie nichts" in dispatcher.messages[0]["text"]


async def test_other_date_before_booking_frees_the_hold(api_server, tracker_factory, dispatcher):
    chosen, hold = await held_slot(api_server, tracker_factory, dispatcher)
    state = booking_slots(chosen["id"], appointment_hold=hold)
    tracker = tracker_factory(
        state, text="lieber einen anderen Termin", intent="reschedule_appointment"
    )

    events = await ActionChangeBookingDetails().run(dispatcher, tracker, {})

    assert (
        SlotSet("appointment_slot", None) in events and SlotSet("contact_name", None) not in events
    )
    ids = [s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)]
    assert chosen["id"] in ids


async def test_wrong_name_asks_name_and_contact_again(tracker_factory, dispatcher):
    tracker = tracker_factory(
        booking_slots("x"), text="Der Name ist falsch", intent="correct_details"
    )
    events = await ActionChangeBookingDetails().run(dispatcher, tracker, {})
    for name in ("contact_name", "contact_phone", "contact_email", "consent_joint_counselling"):
        assert SlotSet(name, None) in events
    assert SlotSet("appointment_slot", None) not in events
    assert "noch einmal" in dispatcher.messages[0]["text"]


async def test_a_callback_in_the_middle_of_a_booking_frees_the_slot(
    api_server, tracker_factory, dispatcher
):
    chosen, hold = await held_slot(api_server, tracker_factory, dispatcher)
    state = {
        **FAMILY,
        "appointment_slot": chosen["id"],
        "appointment_hold": hold,
        "contact_name": "Maria Muster",
        "manage_check": "4711",
    }
    events = await ActionStartCallback().run(dispatcher, tracker_factory(state), {})

    assert dispatcher.messages[-1]["response"] == "utter_callback_intro"
    for name in ("appointment_slot", "appointment_hold", "contact_name", "manage_check"):
        assert SlotSet(name, None) in events
    ids = [s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)]
    assert chosen["id"] in ids
