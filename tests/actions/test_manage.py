"""Cancel and move a booking in the chat by reference and check, against the real API."""

from __future__ import annotations

import re
from itertools import count

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions.booking import ActionBookAppointment
from actions.common.references import find_reference
from actions.flows import ActionStartManage
from actions.manage import (
    ActionAskManageConfirm,
    ActionAskManageNewSlot,
    ActionManageBooking,
    ValidateManageBookingForm,
    find_check,
)
from actions.settings import get_settings
from tests.actions.conftest import ApiServer, TrackerFactory, texts
from tests.actions.test_booking import LONG_DATE, booking_slots, offered_slots

_numbers = count(1000)


async def book(api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher, slot_index=0):
    """A fresh booking with its own phone number; returns (reference, phone, slot start)."""
    slots = await offered_slots(api_server, tracker_factory, dispatcher)
    phone = f"0171 55{next(_numbers):05d}"
    chosen = slots[slot_index]
    await ActionBookAppointment().run(
        dispatcher, tracker_factory(booking_slots(chosen["id"], contact_phone=phone)), {}
    )
    message = dispatcher.messages[-1]["text"]
    reference = re.search(r"Ihre Buchungsnummer: (\S+)", message).group(1)
    dispatcher.messages.clear()
    return reference, phone, chosen


def stored(api_server: ApiServer, reference: str) -> dict:
    return next(b for b in api_server.staff_bookings() if b["reference"] == reference)


def set_slots(events: list) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("FL-7KQ3-M9TX", "FL-7KQ3-M9TX"),
        ("meine nummer ist fl 7kq3 m9tx", "FL-7KQ3-M9TX"),
        ("FL7KQ3M9TX bitte", "FL-7KQ3-M9TX"),
        ("Termin absagen", None),
        ("FL-0000-1111", None),  # 0 and 1 are not in the alphabet
    ],
)
def test_find_reference(text: str, expected: str | None) -> None:
    assert find_reference(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5678", "5678"),
        ("die letzten Ziffern sind 56 78", "5678"),
        ("0171 2345678", "5678"),
        ("maria@example.de", "maria@example.de"),
        ("123", None),
        ("weiß ich nicht", None),
    ],
)
def test_find_check(text: str, expected: str | None) -> None:
    assert find_check(text) == expected


async def test_start_takes_reference_from_message(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(text="Bitte FL-7KQ3-M9TX absagen", intent="cancel_appointment")
    events = await ActionStartManage().run(dispatcher, tracker, {})
    values = set_slots(events)
    assert values["manage_action"] == "cancel"
    assert values["manage_reference"] == "FL-7KQ3-M9TX"
    assert values["manage_check"] is None
    assert "abzusagen" in texts(dispatcher)[0]


async def test_start_uses_booking_of_this_conversation(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"booking_reference": "FL-ABCD-2345"}, text="verschieben", intent="reschedule_appointment"
    )
    values = set_slots(await ActionStartManage().run(dispatcher, tracker, {}))
    assert values["manage_action"] == "reschedule"
    assert values["manage_reference"] == "FL-ABCD-2345"


async def test_typed_reference_is_taken_whatever_the_intent(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "manage_reference"}, text="FL-7KQ3-M9TX", intent="nlu_fallback"
    )
    result = await ValidateManageBookingForm().extract_manage_reference(dispatcher, tracker, {})
    assert result == {"manage_reference": "FL-7KQ3-M9TX"}


async def test_wrong_check_asks_for_both_again(api_server, tracker_factory, dispatcher) -> None:
    reference, _phone, _slot = await book(api_server, tracker_factory, dispatcher)
    tracker = tracker_factory(
        {"requested_slot": "manage_check", "manage_reference": reference}, text="0000"
    )
    result = await ValidateManageBookingForm().extract_manage_check(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_manage_not_found"]
    assert result["manage_check"] is None and result["manage_reference"] is None
    assert result["repair_count"] == 1


async def test_third_failure_stops_with_a_person_to_call(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "manage_check", "manage_reference": "FL-7KQ3-M9TX", "repair_count": 2},
        text="weiß ich nicht",
    )
    result = await ValidateManageBookingForm().extract_manage_check(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_manage_give_up", "utter_human_contact"]
    assert result["manage_stopped"] is True


async def test_cancel_by_reference_and_phone_digits(
    api_server, tracker_factory, dispatcher
) -> None:
    reference, phone, slot = await book(api_server, tracker_factory, dispatcher)
    form = ValidateManageBookingForm()
    tracker = tracker_factory(
        {
            "requested_slot": "manage_check",
            "manage_reference": reference,
            "manage_action": "cancel",
        },
        text=f"die letzten vier sind {phone[-4:]}",
    )
    found = await form.extract_manage_check(dispatcher, tracker, {})
    assert found["manage_check"] == phone[-4:]
    assert found["manage_booking"]["start"][:16] == slot["start"][:16]
    state = {"manage_reference": reference, "manage_action": "cancel", **found}

    await ActionAskManageConfirm().run(dispatcher, tracker_factory(state), {})
    [question] = dispatcher.messages
    assert LONG_DATE.search(question["text"]) and "absagen?" in question["text"]
    assert [b["payload"] for b in question["buttons"]] == ["/affirm", "/deny"]
    dispatcher.messages.clear()

    events = await ActionManageBooking().run(
        dispatcher, tracker_factory({**state, "manage_confirm": True}), {}
    )
    [message] = texts(dispatcher)
    assert message.startswith("Ihr Termin am ") and "ist abgesagt" in message
    assert stored(api_server, reference)["status"] == "cancelled"
    assert SlotSet("manage_check", None) in events
    # The slot is free again for other families.
    assert slot["id"] in [
        s["id"] for s in await offered_slots(api_server, tracker_factory, dispatcher)
    ]


async def test_no_keeps_the_booking(api_server, tracker_factory, dispatcher) -> None:
    reference, phone, _slot = await book(api_server, tracker_factory, dispatcher)
    state = {
        "manage_reference": reference,
        "manage_check": phone[-4:],
        "manage_action": "cancel",
        "manage_confirm": False,
    }
    await ActionManageBooking().run(dispatcher, tracker_factory(state), {})
    assert texts(dispatcher) == ["utter_manage_kept"]
    assert stored(api_server, reference)["status"] == "confirmed"


async def test_reschedule_to_an_offered_slot(api_server, tracker_factory, dispatcher) -> None:
    reference, phone, old = await book(api_server, tracker_factory, dispatcher)
    state = {
        "manage_reference": reference,
        "manage_check": phone[-4:],
        "manage_action": "reschedule",
    }
    events = await ActionAskManageNewSlot().run(dispatcher, tracker_factory(state), {})
    offered = set_slots(events)["offered_slots"]
    assert old["id"] not in [item["id"] for item in offered]
    dispatcher.messages.clear()

    choose = tracker_factory(
        {**state, "offered_slots": offered, "requested_slot": "manage_new_slot"},
        text="den zweiten",
        intent="choose_slot",
    )
    picked = await ValidateManageBookingForm().extract_manage_new_slot(dispatcher, choose, {})
    assert picked["manage_new_slot"] == offered[1]["id"]

    done = {**state, "offered_slots": offered, "manage_new_slot": offered[1]["id"]}
    await ActionManageBooking().run(
        dispatcher, tracker_factory({**done, "manage_confirm": True}), {}
    )
    [message] = texts(dispatcher)
    assert message.startswith("Ihr Termin ist verschoben.") and reference in message
    assert stored(api_server, reference)["start"][:16] == offered[1]["start"][:16]


async def test_a_slot_taken_meanwhile_asks_for_another(
    api_server, tracker_factory, dispatcher
) -> None:
    reference, phone, _old = await book(api_server, tracker_factory, dispatcher)
    _other_ref, _other_phone, taken = await book(api_server, tracker_factory, dispatcher)
    state = {
        "manage_reference": reference,
        "manage_check": phone[-4:],
        "manage_action": "reschedule",
        "offered_slots": [taken],
        "manage_new_slot": taken["id"],
        "manage_confirm": True,
    }
    events = await ActionManageBooking().run(dispatcher, tracker_factory(state), {})
    assert texts(dispatcher) == ["utter_slot_taken"]
    assert FollowupAction("manage_booking_form") in events
    assert SlotSet("manage_new_slot", None) in events


async def test_five_wrong_checks_lock_the_booking(api_server, tracker_factory, dispatcher):
    reference, phone, _slot = await book(api_server, tracker_factory, dispatcher)
    form = ValidateManageBookingForm()
    wrong = "0000" if not phone.endswith("0000") else "1111"
    for _ in range(5):
        tracker = tracker_factory(
            {"requested_slot": "manage_check", "manage_reference": reference}, text=wrong
        )
        await form.extract_manage_check(dispatcher, tracker, {})
    dispatcher.messages.clear()
    right = tracker_factory(
        {"requested_slot": "manage_check", "manage_reference": reference}, text=phone[-4:]
    )
    result = await form.extract_manage_check(dispatcher, right, {})
    assert texts(dispatcher) == ["utter_manage_locked"]
    assert result == {"manage_check": None, "manage_stopped": True}


async def test_unreachable_api_stops_with_phone(tracker_factory, dispatcher, monkeypatch):
    monkeypatch.setenv("FL_APPOINTMENTS_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        tracker = tracker_factory(
            {"requested_slot": "manage_check", "manage_reference": "FL-7KQ3-M9TX"}, text="5678"
        )
        result = await ValidateManageBookingForm().extract_manage_check(dispatcher, tracker, {})
        ask = await ActionAskManageNewSlot().run(dispatcher, tracker_factory(), {})
    finally:
        get_settings.cache_clear()
    assert texts(dispatcher) == ["utter_manage_unavailable", "utter_booking_unavailable"]
    assert result["manage_stopped"] is True
    assert ActiveLoop(None) in ask


async def test_required_slots_follow_the_request(tracker_factory, dispatcher) -> None:
    form = ValidateManageBookingForm()
    domain_slots = ["manage_reference", "manage_check", "manage_new_slot", "manage_confirm"]
    cancel = tracker_factory({"manage_action": "cancel"})
    move = tracker_factory({"manage_action": "reschedule"})
    stopped = tracker_factory({"manage_action": "cancel", "manage_stopped": True})
    assert "manage_new_slot" not in await form.required_slots(domain_slots, dispatcher, cancel, {})
    assert await form.required_slots(domain_slots, dispatcher, move, {}) == domain_slots
    assert await form.required_slots(domain_slots, dispatcher, stopped, {}) == []


async def test_no_reference_ends_with_other_ways(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "manage_reference"},
        text="Ich habe keine Buchungsnummer",
        intent="cancel_appointment",
    )
    result = await ValidateManageBookingForm().extract_manage_reference(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_manage_no_reference"]
    assert result["manage_stopped"] is True


@pytest.mark.parametrize(
    ("action", "intent", "expected"),
    [
        ("cancel", "cancel_appointment", True),
        ("reschedule", "reschedule_appointment", True),
        ("cancel", "affirm", True),
        ("cancel", "deny", False),
    ],
)
async def test_typed_yes_with_the_wish_confirms(
    tracker_factory, dispatcher, action: str, intent: str, expected: bool
) -> None:
    tracker = tracker_factory(
        {"requested_slot": "manage_confirm", "manage_action": action},
        text="Ja, bitte",
        intent=intent,
    )
    result = await ValidateManageBookingForm().extract_manage_confirm(dispatcher, tracker, {})
    assert result["manage_confirm"] is expected
