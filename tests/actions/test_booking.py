"""The booking actions against the real appointments API."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions import content
from actions.booking import (
    ActionAskAppointmentSlot,
    ActionAskConsentJointCounselling,
    ActionBookAppointment,
    ValidateBookingForm,
)
from actions.settings import get_settings
from tests.actions.conftest import ApiServer, TrackerFactory, texts

WEEKDAY = "(Montag|Dienstag|Mittwoch|Donnerstag|Freitag)"
LONG_DATE = re.compile(WEEKDAY + r", \d{1,2}\. [A-ZÄÖÜ][a-zä]+ 20\d\d, \d\d:\d\d Uhr")
DOMAIN = {
    "slots": {},
    "forms": {
        "booking_form": {
            "required_slots": [
                "child_ages",
                "receives_sgb2",
                "appointment_slot",
                "contact_name",
                "contact_phone",
                "consent_joint_counselling",
            ]
        }
    },
}
FAMILY = {"child_ages": [4, 7], "receives_sgb2": True, "situation": ["alleinerziehend"]}


async def offered_slots(api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher):
    events = await ActionAskAppointmentSlot().run(dispatcher, tracker_factory(FAMILY), {})
    return events[0]["value"]


def booking_slots(slot_id: str, **extra: object) -> dict[str, object]:
    return {
        **FAMILY,
        "appointment_slot": slot_id,
        "contact_name": "Maria Muster",
        "contact_phone": "0171 2345678",
        "contact_email": None,
        "consent_joint_counselling": True,
        "consent_text_version": "einwilligung-gemeinsame-beratung-2026-12-v2",
        "consent_given_at": "2026-11-25T10:00:00+00:00",
        **extra,
    }


class TestAskAppointmentSlot:
    async def test_offers_joint_slots_as_buttons(self, api_server, tracker_factory, dispatcher):
        events = await ActionAskAppointmentSlot().run(dispatcher, tracker_factory(FAMILY), {})

        message = dispatcher.messages[0]
        assert message["text"] == "Diese gemeinsamen Termine sind frei. Welcher passt Ihnen?"
        assert 1 <= len(message["buttons"]) <= 4
        for button in message["buttons"]:
            payload = button["payload"]
            assert payload.startswith("/choose_slot{")
            slot_id = json.loads(payload[len("/choose_slot") :])["appointment_slot"]
            assert re.fullmatch(r"\d{8}T\d{4}Z-\d+-\d+", slot_id)
            assert re.match(r"(Mo|Di|Mi|Do|Fr)\., \d{1,2}\. \w+, \d\d:\d\d Uhr", button["title"])
        assert events[0]["event"] == "slot" and events[0]["name"] == "offered_slots"
        assert len(events[0]["value"]) == len(message["buttons"])

    async def test_unreachable_api_explains_and_leaves_form(
        self, tracker_factory, dispatcher, monkeypatch
    ):
        monkeypatch.setenv("FL_APPOINTMENTS_URL", "http://127.0.0.1:9")
        get_settings.cache_clear()
        try:
            events = await ActionAskAppointmentSlot().run(dispatcher, tracker_factory(FAMILY), {})
        finally:
            get_settings.cache_clear()
        assert texts(dispatcher) == ["utter_booking_unavailable"]
        assert ActiveLoop(None) in events


class TestBookAppointment:
    async def test_books_and_shows_reference_and_date(
        self, api_server, tracker_factory, dispatcher
    ):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        dispatcher.messages.clear()

        events = await ActionBookAppointment().run(
            dispatcher, tracker_factory(booking_slots(slot["id"])), {}
        )

        [message] = texts(dispatcher)
        assert message.startswith("Ihr gemeinsamer Termin ist gebucht.")
        assert LONG_DATE.search(message), message
        # The demo place has no confirmed address: the family learns how it will come.
        assert "Wo: Familienbüro der Stadt Ibbenbüren\n" in message
        assert "Die genaue Adresse steht noch nicht fest." in message
        assert not content.has_placeholder(message) and "Hausnummer" not in message
        reference = re.search(r"Ihre Buchungsnummer: (\S+)", message).group(1)
        assert SlotSet("booking_reference", reference) in events
        for slot_name in ("contact_name", "contact_phone", "contact_email"):
            assert SlotSet(slot_name, None) in events
        [stored] = [b for b in api_server.staff_bookings() if b["reference"] == reference]
        assert stored["children_ages"] == [4, 7]
        assert stored["contact"]["name"] == "Maria Muster"
        assert stored["contact"]["phone"] == "0171 2345678"
        assert stored["consent"]["text_version"] == "einwilligung-gemeinsame-beratung-2026-12-v2"
        assert stored["consent"]["given_at"].startswith("2026-11-25T10:00")
        assert stored["start"].startswith(slot["start"][:16]) or stored["start"] == slot["start"]

    async def test_taken_slot_offers_others(self, api_server, tracker_factory, dispatcher):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        first = booking_slots(slot["id"], contact_phone="05451 111111")
        await ActionBookAppointment().run(dispatcher, tracker_factory(first), {})
        dispatcher.messages.clear()

        second = booking_slots(slot["id"], contact_phone="05451 999999")
        events = await ActionBookAppointment().run(dispatcher, tracker_factory(second), {})

        assert texts(dispatcher) == ["utter_slot_taken"]
        assert events == [
            SlotSet("appointment_slot", None),
            SlotSet("appointment_hold", None),
            FollowupAction("booking_form"),
        ]

    async def test_booking_again_asks_everything_again(
        self, api_server, tracker_factory, dispatcher
    ):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        events = await ActionBookAppointment().run(
            dispatcher, tracker_factory(booking_slots(slot["id"], contact_phone="05451 555555")), {}
        )
        for name in ("appointment_slot", "consent_joint_counselling", "consent_given_at"):
            assert SlotSet(name, None) in events

    async def test_rejected_contact_is_asked_again(self, api_server, tracker_factory, dispatcher):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        bad = booking_slots(slot["id"], contact_phone=None, contact_email="a@b")
        dispatcher.messages.clear()
        events = await ActionBookAppointment().run(dispatcher, tracker_factory(bad), {})
        assert texts(dispatcher) == ["utter_contact_rejected"]
        assert SlotSet("contact_email", None) in events
        assert SlotSet("consent_joint_counselling", None) in events
        assert FollowupAction("booking_form") in events

    async def test_second_booking_of_a_family_is_not_looped(
        self, api_server, tracker_factory, dispatcher
    ):
        first_slot, other_slot = (await offered_slots(api_server, tracker_factory, dispatcher))[:2]
        family = {"contact_phone": "05451 222222"}
        await ActionBookAppointment().run(
            dispatcher, tracker_factory(booking_slots(first_slot["id"], **family)), {}
        )
        dispatcher.messages.clear()

        events = await ActionBookAppointment().run(
            dispatcher, tracker_factory(booking_slots(other_slot["id"], **family)), {}
        )

        [message] = texts(dispatcher)
        assert "05451 931-5139" in message  # where to change the booking they have
        assert not any(e.get("event") == "followup" for e in events)
        assert SlotSet("contact_phone", None) in events

    async def test_hold_then_confirm(self, api_server, tracker_factory, dispatcher):
        offered = await offered_slots(api_server, tracker_factory, dispatcher)
        chosen = offered[-1]["id"]
        tracker = tracker_factory({"requested_slot": "appointment_slot", "offered_slots": offered})
        validator = ValidateBookingForm()
        held = await validator.validate_appointment_slot(chosen, dispatcher, tracker, {})
        assert held["appointment_slot"] == chosen and held["appointment_hold"]
        assert chosen not in {s["id"] for s in api_server.get("/slots?limit=20")["slots"]}

        # Somebody else picking the same slot now is told at once.
        taken = await validator.validate_appointment_slot(chosen, dispatcher, tracker, {})
        assert taken == {"appointment_slot": None, "appointment_hold": None}
        assert texts(dispatcher)[-1] == "utter_slot_taken"

        dispatcher.messages.clear()
        slots = booking_slots(
            chosen, contact_phone="05451 333333", appointment_hold=held["appointment_hold"]
        )
        await ActionBookAppointment().run(dispatcher, tracker_factory(slots), {})
        assert texts(dispatcher)[0].startswith("Ihr gemeinsamer Termin ist gebucht.")

    async def test_lost_hold_books_directly(self, api_server, tracker_factory, dispatcher):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        slots = booking_slots(slot["id"], contact_phone="05451 444444", appointment_hold="999999")
        await ActionBookAppointment().run(dispatcher, tracker_factory(slots), {})
        assert texts(dispatcher)[-1].startswith("Ihr gemeinsamer Termin ist gebucht.")

    async def test_without_consent_nothing_is_booked(self, api_server, tracker_factory, dispatcher):
        slot = (await offered_slots(api_server, tracker_factory, dispatcher))[0]
        before = len(api_server.staff_bookings())

        events = await ActionBookAppointment().run(
            dispatcher,
            tracker_factory(booking_slots(slot["id"], consent_joint_counselling=False)),
            {},
        )

        assert len(api_server.staff_bookings()) == before
        assert SlotSet("contact_name", None) in events

    async def test_family_without_sgb2_gets_other_contact(self, tracker_factory, dispatcher):
        await ActionBookAppointment().run(
            dispatcher, tracker_factory(booking_slots("x", receives_sgb2=False)), {}
        )
        [message] = texts(dispatcher)
        assert "Grundsicherungsgeld (früher Bürgergeld)" in message
        assert "05451 931-5139" in message


class TestValidateBookingForm:
    async def test_email_instead_of_phone_is_enough(self, tracker_factory, dispatcher):
        tracker = tracker_factory(
            {**FAMILY, "requested_slot": "contact_phone"},
            text="Sie erreichen mich unter maria.muster@example.de",
            intent="inform_contact",
        )
        result = await ValidateBookingForm().extract_contact_phone(dispatcher, tracker, {})
        assert result["contact_email"] == "maria.muster@example.de"
        assert result["contact_phone"] is None

        tracker.slots["contact_email"] = "maria.muster@example.de"
        required = await ValidateBookingForm().required_slots(
            DOMAIN["forms"]["booking_form"]["required_slots"], dispatcher, tracker, {}
        )
        assert "contact_phone" not in required

    @pytest.mark.parametrize(
        "answer", ["weiß nicht", "12", "abc@"], ids=["words", "short", "half-mail"]
    )
    async def test_bad_contact_is_explained_then_a_way_out_offered(
        self, tracker_factory, dispatcher, answer
    ):
        slots = {**FAMILY, "requested_slot": "contact_phone", "repair_count": 0}
        first = await ValidateBookingForm().extract_contact_phone(
            dispatcher, tracker_factory(slots, text=answer, intent="inform_contact"), {}
        )
        assert first == {"contact_phone": None, "repair_count": 1}
        assert texts(dispatcher) == ["utter_contact_invalid"]

        slots["repair_count"] = 1
        await ValidateBookingForm().extract_contact_phone(
            dispatcher, tracker_factory(slots, text=answer, intent="inform_contact"), {}
        )
        assert texts(dispatcher)[-2:] == ["utter_contact_invalid", "utter_repair_offer_required"]

    async def test_emergency_is_left_to_the_rules(self, tracker_factory, dispatcher):
        tracker = tracker_factory(
            {**FAMILY, "requested_slot": "contact_phone"},
            text="Mein Mann schlägt mich",
            intent="emergency",
        )
        assert await ValidateBookingForm().extract_contact_phone(dispatcher, tracker, {}) == {}
        assert dispatcher.messages == []

    async def test_refused_consent_ends_the_form_with_alternatives(
        self, tracker_factory, dispatcher
    ):
        slots = {**FAMILY, "requested_slot": "consent_joint_counselling"}
        result = await ValidateBookingForm().extract_consent_joint_counselling(
            dispatcher, tracker_factory(slots, text="nein", intent="deny"), {}
        )
        assert result["consent_joint_counselling"] is False
        assert texts(dispatcher) == ["utter_consent_refused"]
        tracker = tracker_factory({**slots, **result})
        required = await ValidateBookingForm().required_slots(
            ["contact_name", "consent_joint_counselling"], dispatcher, tracker, {}
        )
        assert "consent_joint_counselling" in required  # so the refusal is returned

    async def test_email_answer_reaches_rasa(self, tracker_factory, dispatcher):
        answered = booking_slots(
            "20261208T0900Z-1-3", contact_phone=None, consent_joint_counselling=None
        )
        tracker = tracker_factory(
            {**answered, "requested_slot": "contact_phone"},
            text="maria.muster@example.de",
            intent="inform_contact",
        )
        events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
        assert SlotSet("contact_email", "maria.muster@example.de") in events
        assert SlotSet("requested_slot", "consent_joint_counselling") in events

    async def test_failed_attempts_are_counted_across_turns(self, tracker_factory, dispatcher):
        answered = booking_slots(
            "20261208T0900Z-1-3", contact_phone=None, consent_joint_counselling=None
        )
        tracker = tracker_factory(
            {**answered, "requested_slot": "contact_phone", "repair_count": 1},
            text="weiß ich nicht",
            intent="inform_contact",
        )
        events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
        assert SlotSet("repair_count", 2) in events
        assert texts(dispatcher) == ["utter_contact_invalid", "utter_repair_offer_required"]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            pytest.param("wir bekommen Bürgergeld", True, id="yes"),
            pytest.param("Bürgergeld bekommen wir nicht.", False, id="nicht-at-the-end"),
            pytest.param("wir bekommen keinen Cent Bürgergeld", False, id="keinen"),
            pytest.param("nein, kein Bürgergeld", False, id="nein-kein"),
        ],
    )
    async def test_buergergeld_in_a_sentence(self, tracker_factory, dispatcher, text, expected):
        tracker = tracker_factory(
            {"requested_slot": "receives_sgb2"},
            text=text,
            intent="inform_situation",
            entities=[{"entity": "situation", "value": "buergergeld"}],
        )
        result = await ValidateBookingForm().extract_receives_sgb2(dispatcher, tracker, {})
        assert result["receives_sgb2"] is expected

    @pytest.mark.parametrize("answer", ["Nein", "ja", "Danke", "Weiß nicht"])
    async def test_short_answers_are_no_names(self, tracker_factory, dispatcher, answer):
        tracker = tracker_factory({"requested_slot": "contact_name"}, text=answer)
        result = ValidateBookingForm().validate_contact_name(answer, dispatcher, tracker, {})
        assert result["contact_name"] is None
        assert texts(dispatcher) == ["utter_contact_name_invalid"]

    async def test_consent_records_version_and_time(self, tracker_factory, dispatcher):
        answered = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None)
        del answered["consent_text_version"], answered["consent_given_at"]
        tracker = tracker_factory(
            {**answered, "requested_slot": "consent_joint_counselling"}, text="ja", intent="affirm"
        )
        events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
        values = {e["name"]: e["value"] for e in events}
        assert values["consent_joint_counselling"] is True
        assert values["consent_text_version"] == "einwilligung-gemeinsame-beratung-2026-12-v2"
        given = datetime.fromisoformat(values["consent_given_at"])
        assert abs((datetime.now(timezone.utc) - given).total_seconds()) < 60

    async def test_refusal_reaches_rasa(self, tracker_factory, dispatcher):
        # The SDK drops values of slots that required_slots no longer lists.
        answered = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None)
        tracker = tracker_factory(
            {**answered, "requested_slot": "consent_joint_counselling"}, text="nein", intent="deny"
        )
        events = await ValidateBookingForm().run(dispatcher, tracker, DOMAIN)
        # Every slot is answered, so Rasa ends the form and action_book_appointment runs.
        assert SlotSet("consent_joint_counselling", False) in events
        assert not any(e["name"] == "requested_slot" for e in events)

    async def test_asks_for_the_family_first(self, tracker_factory, dispatcher):
        domain_slots = DOMAIN["forms"]["booking_form"]["required_slots"]
        required = await ValidateBookingForm().required_slots(
            domain_slots, dispatcher, tracker_factory({}), {}
        )
        assert required == domain_slots

    async def test_stops_after_family_outside_target_group(self, tracker_factory, dispatcher):
        tracker = tracker_factory({"child_ages": [4], "receives_sgb2": False})
        required = await ValidateBookingForm().required_slots(
            DOMAIN["forms"]["booking_form"]["required_slots"], dispatcher, tracker, {}
        )
        assert required == ["child_ages", "receives_sgb2"]

    @pytest.mark.parametrize("value", ["20261208T0900Z-9-9", "bogus"], ids=str)
    async def test_slot_not_offered_is_refused(self, tracker_factory, dispatcher, value):
        offered = [{"id": "20261208T0900Z-1-3", "start": "2026-12-08T09:00:00+00:00"}]
        tracker = tracker_factory({"requested_slot": "appointment_slot", "offered_slots": offered})
        validator = ValidateBookingForm()
        result = await validator.validate_appointment_slot(value, dispatcher, tracker, {})
        assert result == {"appointment_slot": None, "repair_count": 1}
        assert texts(dispatcher) == ["utter_slot_not_understood"]

    async def test_no_value_is_not_a_second_failure(self, tracker_factory, dispatcher):
        # The extraction has already explained and counted the failed answer.
        tracker = tracker_factory({"requested_slot": "appointment_slot", "repair_count": 1})
        result = await ValidateBookingForm().validate_appointment_slot(
            None, dispatcher, tracker, {}
        )
        assert result == {"appointment_slot": None}
        assert texts(dispatcher) == []

    async def test_typed_choice_matches_offered_slot(self, tracker_factory, dispatcher):
        offered = [
            {"id": "a", "start": "2026-12-08T09:00:00+00:00"},
            {"id": "b", "start": "2026-12-09T13:00:00+00:00"},
        ]
        tracker = tracker_factory(
            {"requested_slot": "appointment_slot", "offered_slots": offered},
            text="lieber Mittwoch",
            intent="choose_slot",
        )
        result = await ValidateBookingForm().extract_appointment_slot(dispatcher, tracker, {})
        assert result == {"appointment_slot": "b", "repair_count": 0}


class TestAskConsent:
    async def test_summary_before_consent(self, tracker_factory, dispatcher):
        slots = booking_slots("20261208T0900Z-1-3", consent_joint_counselling=None)
        slots["offered_slots"] = [
            {"id": "20261208T0900Z-1-3", "start": "2026-12-08T09:00:00+00:00"}
        ]
        await ActionAskConsentJointCounselling().run(dispatcher, tracker_factory(slots), {})

        summary, consent = texts(dispatcher)
        assert summary == (
            "Bitte prüfen Sie Ihre Angaben:\n"
            "Termin: Dienstag, 8. Dezember 2026, 10:00 Uhr\n"
            "Name: Maria Muster\n"
            "So erreichen wir Sie: 0171 2345678\n"
            "Alter der Kinder: 4 und 7 Jahre\n"
            "Ihre Themen: allein erziehend\n"
            "Stimmt etwas nicht? Dann tippen Sie unten auf „Angaben ändern“."
        )
        assert "freiwillig" in consent and "widerrufen" in consent
        assert "Gesundheit, Schulden" in consent and "90 Tage" in consent
        # A link to the full data-protection text from the municipality file.
        assert consent.endswith(
            "[Alles zum Datenschutz lesen](http://localhost:8080/datenschutz.html)"
        )
        assert [b["payload"] for b in dispatcher.messages[1]["buttons"]] == [
            "/affirm",
            "/deny",
            "/correct_details",
        ]


async def test_ages_from_a_button_payload_arrive_as_strings_and_still_count(
    tracker_factory, dispatcher
) -> None:
    """`/inform_child_age{"child_age":["4","7"]}` fills the slot with strings."""
    tracker = tracker_factory({"child_ages": ["4", "7"], "receives_sgb2": None})
    required = await ValidateBookingForm().required_slots(
        ["child_ages", "receives_sgb2", "appointment_slot"], dispatcher, tracker, {}
    )
    assert required == ["child_ages", "receives_sgb2", "appointment_slot"]
    too_old = tracker_factory({"child_ages": ["12", "15"], "receives_sgb2": None})
    stopped = await ValidateBookingForm().required_slots(
        ["child_ages", "receives_sgb2", "appointment_slot"], dispatcher, too_old, {}
    )
    assert stopped == ["child_ages"]
