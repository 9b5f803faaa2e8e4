"""After two failed answers the family may skip a family question, never a booking one."""

from __future__ import annotations

from rasa_sdk.events import SlotSet

from actions.booking import ValidateBookingForm
from actions.family_form import ActionSkipQuestion, ValidateFamilyForm
from tests.actions.conftest import texts

FAMILY_SLOTS = ["child_ages", "receives_sgb2"]


async def test_second_failed_age_offers_skip_person_or_stop(tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"requested_slot": "child_ages", "repair_count": 1}, text="hmm", intent="inform_child_age"
    )
    result = await ValidateFamilyForm().extract_child_ages(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_child_ages_not_understood", "utter_repair_offer"]
    assert result == {"child_ages": None, "repair_count": 2}


async def test_booking_question_offers_no_skip(tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"requested_slot": "child_ages", "repair_count": 1}, text="hmm", intent="inform_child_age"
    )
    await ValidateBookingForm().extract_child_ages(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_child_ages_not_understood", "utter_repair_offer_required"]


async def test_skip_leaves_the_question_out(tracker_factory, dispatcher):
    tracker = tracker_factory({"requested_slot": "child_ages"}, intent="skip_question")
    events = await ActionSkipQuestion().run(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_question_skipped"]
    assert SlotSet("skipped_slots", ["child_ages"]) in events
    assert SlotSet("requested_slot", None) in events

    after = tracker_factory({"skipped_slots": ["child_ages"]})
    required = await ValidateFamilyForm().required_slots(FAMILY_SLOTS, dispatcher, after, {})
    assert required == ["receives_sgb2"]


async def test_both_skipped_ends_the_questions(tracker_factory, dispatcher):
    after = tracker_factory({"skipped_slots": ["child_ages", "receives_sgb2"]})
    assert await ValidateFamilyForm().required_slots(FAMILY_SLOTS, dispatcher, after, {}) == []


async def test_the_booking_asks_skipped_questions_again(tracker_factory, dispatcher):
    domain_slots = [*FAMILY_SLOTS, "appointment_slot", "contact_name", "contact_phone"]
    after = tracker_factory({"skipped_slots": ["child_ages", "receives_sgb2"]})
    required = await ValidateBookingForm().required_slots(domain_slots, dispatcher, after, {})
    assert required[:2] == FAMILY_SLOTS


async def test_nothing_to_skip_outside_a_family_question(tracker_factory, dispatcher):
    tracker = tracker_factory({"requested_slot": "contact_name"}, intent="skip_question")
    assert await ActionSkipQuestion().run(dispatcher, tracker, {}) == []
    assert texts(dispatcher) == ["utter_cannot_skip"]


async def test_greeting_or_thanks_at_a_question_is_no_failed_answer(tracker_factory, dispatcher):
    """ "Hallo" at the ages question: no "kein Alter erkannt", the repair count stays."""
    for intent, text in (("greet", "Hallo"), ("thank", "Danke schön")):
        tracker = tracker_factory(
            {"requested_slot": "child_ages", "repair_count": 1}, text=text, intent=intent
        )
        assert await ValidateFamilyForm().extract_child_ages(dispatcher, tracker, {}) == {}
        assert await ValidateBookingForm().extract_child_ages(dispatcher, tracker, {}) == {}
    assert texts(dispatcher) == []
