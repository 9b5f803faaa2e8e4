"""A family cancels and moves its booking in the chat by reference and check (REST)."""

from __future__ import annotations

import json
import re
import secrets
import sqlite3

import httpx
import pytest

from tests.e2e.conftest import Stack
from tests.e2e.test_booking_e2e import joined, say

pytestmark = pytest.mark.e2e


def book_in_chat(rasa: httpx.Client, name: str, phone: str, slot_index: int = 0) -> str:
    """A whole booking conversation; returns the booking reference."""
    sender = secrets.token_hex(16)
    say(rasa, sender, "Ich möchte einen Termin")
    say(rasa, sender, "5")
    buttons = say(rasa, sender, "ja")[-1]["buttons"]
    say(rasa, sender, buttons[slot_index]["payload"])
    say(rasa, sender, name)
    say(rasa, sender, phone)
    confirmation = joined(say(rasa, sender, "ja"))
    return re.search(r"Ihre Buchungsnummer: (\S+)", confirmation).group(1)


def stored(api: httpx.Client, reference: str) -> dict:
    bookings = api.get("/staff/bookings").raise_for_status().json()["bookings"]
    return next(b for b in bookings if b["reference"] == reference)


def test_cancel_by_reference_in_a_new_conversation(
    stack: Stack, rasa: httpx.Client, api: httpx.Client
) -> None:
    reference = book_in_chat(rasa, "Selin Yilmaz", "0176 11223344")
    before = stored(api, reference)
    sender = secrets.token_hex(16)

    asked = joined(say(rasa, sender, "Ich möchte meinen Termin absagen"))
    assert "Buchungsnummer" in asked
    check = joined(say(rasa, sender, reference.lower().replace("-", " ")))
    assert "letzten vier Ziffern" in check

    wrong = joined(say(rasa, sender, "9999"))
    assert "passen nicht zusammen" in wrong
    say(rasa, sender, reference)
    question = say(rasa, sender, "3344")
    assert "Möchten Sie diesen Termin absagen?" in joined(question)
    assert [b["title"] for b in question[-1]["buttons"]] == ["Ja, absagen", "Nein, Termin behalten"]

    done = joined(say(rasa, sender, "/affirm"))
    assert "ist abgesagt" in done
    assert stored(api, reference)["status"] == "cancelled"
    free = api.get("/slots", params={"limit": 20}).json()["slots"]
    assert any(
        slot["start"] == before["start"] and slot["jugendamt"]["id"] == before["jugendamt"]["id"]
        for slot in free
    )

    # The check the family typed is not readable in the conversation store: not in what
    # the family wrote, not in a slot, not in what the bot said back.
    with sqlite3.connect(stack.tracker_db) as connection:
        rows = [json.loads(data) for (data,) in connection.execute("SELECT data FROM events")]
    served = rasa.get(f"/conversations/{sender}/tracker", params={"token": stack.token}).json()
    for secret in ("3344", "9999", "Selin Yilmaz", "0176 11223344"):
        for event in [*rows, *served["events"]]:
            assert secret not in readable(event), (secret, event.get("event"))


def readable(event: dict) -> str:
    """The parts of an event that carry what people wrote: texts and slot values."""
    if event.get("event") in ("user", "bot"):
        return str(event.get("text") or "") + json.dumps(event.get("parse_data", {}).get("text"))
    if event.get("event") == "slot":
        return json.dumps(event.get("value"))
    return ""
