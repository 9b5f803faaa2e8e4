"""A callback request in the chat, stored by the real API; nothing of it stays here."""

from __future__ import annotations

import re

import pytest
from rasa_sdk.events import SlotSet

from actions.callback import (
    ActionAskConsentCallback,
    ActionRequestCallback,
    ValidateCallbackForm,
    callback_consent,
)
from actions.settings import get_settings
from tests.actions.conftest import STAFF_AUTH, ApiServer, TrackerFactory, texts

CONSENTED = {
    "contact_name": "Aylin Kaya",
    "contact_phone": "0152 7654321",
    "consent_callback": True,
    "callback_time": "vormittags",
    "consent_text_version": "einwilligung-rueckruf-2026-12-v3",
    "consent_given_at": "2026-11-25T10:00:00+00:00",
    "child_ages": [4],
    "situation": ["alleinerziehend"],
}


def stored_callbacks(api_server: ApiServer) -> list[dict]:
    return api_server.get("/staff/callbacks", auth=STAFF_AUTH)["callbacks"]


async def test_request_reaches_the_api_and_leaves_the_chat(
    api_server, tracker_factory: TrackerFactory, dispatcher
) -> None:
    events = await ActionRequestCallback().run(dispatcher, tracker_factory(CONSENTED), {})

    [message] = texts(dispatcher)
    reference = re.search(r"Ihre Nummer für Rückfragen: (RR-\S+)", message).group(1)
    [stored] = [c for c in stored_callbacks(api_server) if c["reference"] == reference]
    assert stored["name"] == "Aylin Kaya" and stored["phone"] == "0152 7654321"
    # The consent names name and phone only: ages and situation stay in the chat.
    assert stored["children_ages"] == [] and stored["topics"] == []
    assert stored["consent_version"] == "einwilligung-rueckruf-2026-12-v3"
    assert stored["preferred_time"] == "vormittags"
    assert stored["consent_given_at"].startswith("2026-11-25T10:00")
    assert stored["consent_language"] == "de"
    for name in ("contact_name", "contact_phone", "callback_time", "consent_callback"):
        assert SlotSet(name, None) in events
    assert SlotSet("callback_reference", reference) in events


async def test_the_language_the_consent_was_read_in_is_stored(
    api_server, tracker_factory: TrackerFactory, dispatcher
) -> None:
    turkish = {**CONSENTED, "language": "tr", "consent_text_language": "tr"}
    await ActionRequestCallback().run(dispatcher, tracker_factory(turkish), {})
    reference = re.search(r"RR-[0-9A-Z]{4}-[0-9A-Z]{4}", texts(dispatcher)[0]).group(0)
    [stored] = [c for c in stored_callbacks(api_server) if c["reference"] == reference]
    assert stored["consent_language"] == "tr"


async def test_yes_in_another_language_records_that_language(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "consent_callback", "language": "uk"}, text="так", intent="affirm"
    )
    result = await ValidateCallbackForm().extract_consent_callback(dispatcher, tracker, {})
    assert result["consent_text_language"] == "uk"


async def test_without_consent_nothing_is_sent(api_server, tracker_factory, dispatcher) -> None:
    before = len(stored_callbacks(api_server))
    refused = {**CONSENTED, "consent_callback": False}
    events = await ActionRequestCallback().run(dispatcher, tracker_factory(refused), {})
    assert texts(dispatcher) == []
    assert len(stored_callbacks(api_server)) == before
    assert SlotSet("contact_phone", None) in events


async def test_unreachable_api_gives_the_phone_number(
    tracker_factory, dispatcher, monkeypatch
) -> None:
    monkeypatch.setenv("FL_APPOINTMENTS_URL", "http://127.0.0.1:9")
    get_settings.cache_clear()
    try:
        events = await ActionRequestCallback().run(dispatcher, tracker_factory(CONSENTED), {})
    finally:
        get_settings.cache_clear()
    [message] = texts(dispatcher)
    assert "nicht gespeichert" in message and "05451 931-5139" in message
    assert SlotSet("contact_name", None) in events


async def test_a_callback_needs_a_phone_number(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory(
        {"requested_slot": "contact_phone"}, text="aylin@example.de", intent="inform_contact"
    )
    result = await ValidateCallbackForm().extract_contact_phone(dispatcher, tracker, {})
    assert texts(dispatcher) == ["utter_callback_phone_invalid"]
    assert result["contact_phone"] is None


async def test_yes_records_version_and_time(tracker_factory, dispatcher) -> None:
    tracker = tracker_factory({"requested_slot": "consent_callback"}, text="ja", intent="affirm")
    result = await ValidateCallbackForm().extract_consent_callback(dispatcher, tracker, {})
    assert result["consent_callback"] is True
    assert result["consent_text_version"] == callback_consent().version
    assert result["consent_given_at"]


async def test_consent_names_what_goes_where(tracker_factory, dispatcher) -> None:
    await ActionAskConsentCallback().run(dispatcher, tracker_factory(), {})
    [message] = dispatcher.messages
    for word in ("Namen", "Telefonnummer", "Familienbüro", "freiwillig", "widerrufen"):
        assert word in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/affirm", "/deny"]


def test_preferred_time_is_taken_as_written_but_short(tracker_factory, dispatcher) -> None:
    form = ValidateCallbackForm()
    ok = form.validate_callback_time(
        "  am liebsten   nachmittags ", dispatcher, tracker_factory(), {}
    )
    assert ok["callback_time"] == "am liebsten nachmittags"
    long = form.validate_callback_time("x" * 201, dispatcher, tracker_factory(), {})
    assert long == {"callback_time": None}
    assert texts(dispatcher) == ["utter_callback_time_too_long"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("am liebsten vormittags", "book_appointment"),
        ("Dienstag ab 14 Uhr", "book_appointment"),
        ("egal", "greet"),
        ("gegen 10", "thank"),
    ],
)
async def test_a_time_read_as_a_booking_wish_is_the_callback_time(
    tracker_factory, dispatcher, text: str, intent: str
) -> None:
    """ "am liebsten vormittags" (book_appointment) turned the callback into a booking."""
    tracker = tracker_factory(
        {"requested_slot": "callback_time"}, text=text, intent=intent, form="callback_form"
    )
    assert await ValidateCallbackForm().extract_callback_time(dispatcher, tracker, {}) == {
        "callback_time": text
    }


@pytest.mark.parametrize(
    ("text", "intent", "requested"),
    [
        ("Ich möchte doch lieber einen Termin buchen", "book_appointment", "callback_time"),
        ("Termin", "book_appointment", "callback_time"),
        ("Was kostet das?", "ask_costs", "callback_time"),
        ("vormittags", "emergency", "callback_time"),
        ("vormittags", "book_appointment", "contact_phone"),
        ("Guten Abend", "greet", "callback_time"),
        ("I'd rather book an appointment in the morning", "book_appointment", "callback_time"),
        ("Lieber doch einen Termin am Dienstag", "book_appointment", "callback_time"),
        ("Pazartesi randevu almak istiyorum", "book_appointment", "callback_time"),
        ("Termin nach 14 Uhr", "book_appointment", "callback_time"),
    ],
)
async def test_a_wish_to_book_and_other_intents_keep_their_rules(
    tracker_factory, dispatcher, text: str, intent: str, requested: str
) -> None:
    tracker = tracker_factory(
        {"requested_slot": requested}, text=text, intent=intent, form="callback_form"
    )
    assert await ValidateCallbackForm().extract_callback_time(dispatcher, tracker, {}) == {}
