"""The waitlist in the chat: the real API stores the entry; nothing of it stays here."""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from actions import content
from actions.booking import ActionAskAppointmentSlot, ValidateBookingForm
from actions.common import slot_offers
from actions.common.booking_attempt import end_attempt
from actions.common.slot_offers import narrow_offer, offer_slots
from actions.common.time_wishes import parse_wishes
from actions.common.waitlist_offer import WAITLIST_PAYLOAD, wants_waitlist
from actions.settings import get_settings
from actions.waitlist import (
    ActionAskConsentWaitlist,
    ActionAskWaitlistJoin,
    ActionJoinWaitlist,
    ValidateWaitlistForm,
    waitlist_consent,
)
from tests.actions.conftest import ApiServer, TrackerFactory, texts

CONSENTED = {
    "waitlist_join": True,
    "waitlist_wishes": {"weekdays": [1, 3], "times": ["morning"]},
    "contact_name": "Aylin Kaya",
    "contact_email": "aylin.kaya@example.org",
    "consent_waitlist": True,
    "consent_text_version": "einwilligung-warteliste-2026-12-v1",
    "consent_given_at": "2026-11-25T10:00:00+00:00",
    "consent_text_language": "de",
    "child_ages": [4, 7],
    "situation": ["alleinerziehend"],
}


def stored_entry(api_server: ApiServer, reference: str) -> dict[str, Any]:
    assert api_server.database is not None
    with sqlite3.connect(api_server.database) as connection:
        connection.row_factory = sqlite3.Row
        row = connection.execute(
            "SELECT * FROM waitlist_entries WHERE reference = ?", (reference,)
        ).fetchone()
    return dict(row) if row else {}


def count_entries(api_server: ApiServer) -> int:
    assert api_server.database is not None
    with sqlite3.connect(api_server.database) as connection:
        return int(connection.execute("SELECT count(*) FROM waitlist_entries").fetchone()[0])


async def test_joining_stores_ages_wishes_consent_and_language(
    api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher
) -> None:
    tracker = tracker_factory({**CONSENTED, "language": "uk", "consent_text_language": "uk"})
    events = await ActionJoinWaitlist().run(dispatcher, tracker, {})

    [message] = texts(dispatcher)
    reference = re.search(r"(WL-[A-Z0-9-]+)", message).group(1)
    entry = stored_entry(api_server, reference)
    assert json.loads(entry["children_ages"]) == [4, 7]
    assert json.loads(entry["preferred_weekdays"]) == [1, 3]
    assert json.loads(entry["preferred_times"]) == ["morning"]
    assert entry["contact_email"] == "aylin.kaya@example.org"
    assert entry["contact_name"] == "Aylin Kaya"
    assert entry["consent_text_version"] == "einwilligung-warteliste-2026-12-v1"
    assert entry["consent_given_at"].startswith("2026-11-25 10:00")
    assert entry["conversation_language"] == "uk" and entry["consent_text_language"] == "uk"
    # The consent names no topics: the situation stays in the chat.
    assert json.loads(entry["topics"]) == []
    for name in ("contact_name", "contact_email", "waitlist_wishes", "consent_waitlist"):
        assert SlotSet(name, None) in events
    assert SlotSet("waitlist_reference", reference) in events


async def test_german_confirmation_names_the_end_date(
    api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher
) -> None:
    await ActionJoinWaitlist().run(dispatcher, tracker_factory(CONSENTED), {})
    [message] = texts(dispatcher)
    assert message.startswith("Sie stehen auf der Warteliste.")
    assert re.search(r"Ihr Eintrag gilt bis \d{1,2}\. \w+ \d{4}\.", message), message


@pytest.mark.parametrize(
    ("slots", "response"),
    [
        ({"waitlist_join": False}, "utter_waitlist_declined"),
        ({"consent_waitlist": False}, "utter_waitlist_refused"),
    ],
)
async def test_a_no_stores_nothing_and_offers_other_help(
    api_server: ApiServer, tracker_factory: TrackerFactory, dispatcher, slots, response
) -> None:
    before = count_entries(api_server)
    events = await ActionJoinWaitlist().run(dispatcher, tracker_factory({**CONSENTED, **slots}), {})
    assert [m["response"] for m in dispatcher.messages] == [response]
    assert count_entries(api_server) == before
    assert SlotSet("contact_email", None) in events
    assert not any(isinstance(e, dict) and e.get("event") == "followup" for e in events)


async def test_unreachable_api_gives_the_phone_number(
    tracker_factory, dispatcher, monkeypatch
) -> None:
    monkeypatch.setenv("FL_APPOINTMENTS_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        events = await ActionJoinWaitlist().run(dispatcher, tracker_factory(CONSENTED), {})
    finally:
        get_settings.cache_clear()
    [message] = texts(dispatcher)
    assert "nicht auf die Warteliste gesetzt" in message and "05451 931-5139" in message
    assert SlotSet("contact_email", None) in events


@pytest.mark.parametrize(
    ("text", "weekdays", "times"),
    [
        ("Dienstag und Donnerstag vormittags", [1, 3], ["morning"]),
        ("montags oder freitags, nachmittags", [0, 4], ["afternoon"]),
        ("vormittags", [], ["morning"]),
        ("egal", [], []),
        ("Tuesday afternoon", [1], ["afternoon"]),
        ("в среду утром", [2], ["morning"]),
        ("Çarşamba öğleden sonra", [2], ["afternoon"]),
    ],
)
def test_wishes_are_read_from_buttons_and_free_text(text, weekdays, times) -> None:
    assert parse_wishes(text) == {"weekdays": weekdays, "times": times}


def test_words_without_a_day_or_time_are_not_wishes() -> None:
    assert parse_wishes("Keine Ahnung, was soll das?") is None


async def test_wishes_taken_whatever_the_intent_and_repaired_when_unclear(
    tracker_factory: TrackerFactory, dispatcher
) -> None:
    form = ValidateWaitlistForm()
    button = tracker_factory(
        {"requested_slot": "waitlist_wishes"}, text="nachmittags", intent="ask_childcare"
    )
    result = await form.extract_waitlist_wishes(dispatcher, button, {})
    assert result["waitlist_wishes"] == {"weekdays": [], "times": ["afternoon"]}

    unclear = tracker_factory(
        {"requested_slot": "waitlist_wishes"}, text="hm weiß nicht", intent="nlu_fallback"
    )
    result = await form.extract_waitlist_wishes(dispatcher, unclear, {})
    assert result["waitlist_wishes"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_waitlist_wishes_not_understood"]


async def test_the_waitlist_needs_an_email_address(
    tracker_factory: TrackerFactory, dispatcher
) -> None:
    form = ValidateWaitlistForm()
    phone = tracker_factory(
        {"requested_slot": "contact_email"}, text="0152 7654321", intent="inform_contact"
    )
    result = await form.extract_contact_email(dispatcher, phone, {})
    assert result["contact_email"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_waitlist_email_invalid"]
    mail = tracker_factory(
        {"requested_slot": "contact_email"}, text="Das ist a.k@example.org", intent="inform_contact"
    )
    result = await form.extract_contact_email(dispatcher, mail, {})
    assert result["contact_email"] == "a.k@example.org"


async def test_consent_is_recorded_with_version_time_and_language(
    tracker_factory: TrackerFactory, dispatcher
) -> None:
    form = ValidateWaitlistForm()
    yes = tracker_factory(
        {"requested_slot": "consent_waitlist", "language": "tr"}, text="evet", intent="affirm"
    )
    result = await form.extract_consent_waitlist(dispatcher, yes, {})
    assert result["consent_waitlist"] is True
    assert result["consent_text_version"] == waitlist_consent().version
    assert result["consent_given_at"] and result["consent_text_language"] == "tr"
    no = tracker_factory({"requested_slot": "consent_waitlist"}, text="nein", intent="deny")
    assert (await form.extract_consent_waitlist(dispatcher, no, {}))["consent_waitlist"] is False


async def test_a_no_to_the_waitlist_asks_nothing_more(tracker_factory: TrackerFactory, dispatcher):
    form = ValidateWaitlistForm()
    domain_slots = ["waitlist_join", "waitlist_wishes", "contact_name", "contact_email"]
    declined = tracker_factory({"waitlist_join": False})
    assert await form.required_slots(domain_slots, dispatcher, declined, {}) == ["waitlist_join"]
    agreed = tracker_factory({"waitlist_join": True})
    assert await form.required_slots(domain_slots, dispatcher, agreed, {}) == domain_slots


async def test_the_offer_explains_offer_time_and_entry_length(
    tracker_factory: TrackerFactory, dispatcher
) -> None:
    await ActionAskWaitlistJoin().run(dispatcher, tracker_factory({}), {})
    [message] = dispatcher.messages
    assert "120 Minuten" in message["text"] and "Nach 30 Tagen" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


async def test_consent_question_shows_the_versioned_text(
    tracker_factory: TrackerFactory, dispatcher
) -> None:
    await ActionAskConsentWaitlist().run(dispatcher, tracker_factory({"language": "en"}), {})
    german, translated = dispatcher.messages
    assert "einwilligung-warteliste-2026-12-v1" in german["text"]
    assert [b["payload"] for b in translated["buttons"]] == ["/affirm", "/deny"]


async def test_no_free_slot_hands_over_to_the_waitlist(dispatcher, monkeypatch) -> None:
    # The API's answer "no free joint slot" (the e2e test makes it real with absences).
    async def no_slots(self: object, limit: int = 4) -> list[object]:
        return []

    monkeypatch.setattr(slot_offers.AppointmentsClient, "list_slots", no_slots)
    events = await offer_slots(dispatcher, "Welcher?", waitlist=True)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_slots_waitlist"]
    assert events == [
        SlotSet("requested_slot", None),
        ActiveLoop(None),
        FollowupAction("waitlist_form"),
    ]
    # Changing a booking keeps its own answer: no waitlist there.
    dispatcher.messages.clear()
    assert await offer_slots(dispatcher, "Welcher?") is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_slots"]


@pytest.mark.parametrize(
    "text", ["Warteliste", "Bitte auf die Warteliste", "waiting list please", "лист ожидания"]
)
def test_the_waitlist_is_recognised_in_the_chat_languages(text: str) -> None:
    assert wants_waitlist(text)


def test_a_day_is_not_a_wish_for_the_waitlist() -> None:
    assert not wants_waitlist("Dienstag um 10")


@pytest.mark.parametrize(
    ("text", "intent"),
    [(WAITLIST_PAYLOAD, "choose_slot"), ("Warteliste bitte", "book_appointment")],
)
async def test_asking_for_the_waitlist_at_the_slot_question_hands_over(
    tracker_factory: TrackerFactory, dispatcher, text: str, intent: str
) -> None:
    tracker = tracker_factory(
        {"requested_slot": "appointment_slot", "offered_slots": []},
        text=text,
        intent=intent,
        form="booking_form",
    )
    result = await ValidateBookingForm().extract_appointment_slot(dispatcher, tracker, {})
    assert result == {"appointment_slot": None, "waitlist_join": True}
    assert dispatcher.messages == []

    asked = tracker_factory({"waitlist_join": True}, form="booking_form")
    events = await ActionAskAppointmentSlot().run(dispatcher, asked, {})
    [message] = dispatcher.messages
    assert message["text"].startswith("Ich kann Sie auf die Warteliste setzen.")
    assert FollowupAction("waitlist_form") in events and ActiveLoop(None) in events


async def test_a_full_day_shows_the_way_to_the_waitlist(api_server: ApiServer, dispatcher) -> None:
    # No joint slot at 6 in the morning: the family is shown the free ones and the waitlist.
    offered = [{"id": "x", "start": "2030-01-07T09:00:00+01:00"}]
    narrowed = await narrow_offer(dispatcher, "um 6 Uhr", offered, waitlist=True)
    assert narrowed is not None
    first, second = dispatcher.messages
    assert first["text"].startswith("Dazu ist leider kein gemeinsamer Termin frei.")
    assert second["buttons"] == [{"title": "Auf die Warteliste", "payload": WAITLIST_PAYLOAD}]


async def test_ending_the_booking_forgets_the_waitlist_answers(tracker_factory) -> None:
    events = await end_attempt(tracker_factory(CONSENTED))
    for name in ("waitlist_join", "waitlist_wishes", "consent_waitlist"):
        assert SlotSet(name, None) in events


@pytest.mark.parametrize("simple", [False, True], ids=["text", "simple"])
def test_waitlist_consent_names_everything_a_family_must_know(simple: bool) -> None:
    privacy = content.municipality()["privacy"]
    text = re.sub(r"\s+", " ", waitlist_consent().wording(simple))
    # How long: the entry's length as the API is configured (APPOINTMENTS_WAITLIST_DAYS).
    assert f"{get_settings().waitlist_days} Tagen" in text
    assert privacy["controller"]["name"] in text and privacy["controller"]["address"] in text
    assert "Datenschutz" in text
    # What is stored, and to whom it goes once an offered slot is booked.
    assert "E-Mail-Adresse" in text and "Kinder" in text
    assert all(recipient in text for recipient in ("Jugendamt", "Jobcenter"))
    assert "LDI NRW" in text
    assert re.search(r"widerrufen|zurücknehmen", text)
    assert re.search(r"freiwillig|müssen nicht Ja sagen", text)
