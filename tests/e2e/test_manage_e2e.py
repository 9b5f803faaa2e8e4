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

    # The check the family typed is not readable in the conversation store.
    with sqlite3.connect(stack.tracker_db) as connection:
        rows = "\n".join(data for (data,) in connection.execute("SELECT data FROM events"))
    served = rasa.get(f"/conversations/{sender}/tracker", params={"token": stack.token}).text
    for secret in ("3344", "9999", "Selin Yilmaz", "0176 11223344"):
        # Not inside other numbers such as classifier confidences ("1.43344e-05").
        alone = re.compile(rf"(?<![\d.]){re.escape(secret)}(?!\d)")
        assert not alone.search(rows), secret
        assert not alone.search(served), secret


def test_move_by_reference_and_email(rasa: httpx.Client, api: httpx.Client) -> None:
    reference = book_in_chat(rasa, "Jonas Becker", "jonas.becker@example.de")
    old_start = stored(api, reference)["start"]
    sender = secrets.token_hex(16)

    say(rasa, sender, f"Ich möchte meinen Termin {reference} verschieben")
    offer = say(rasa, sender, "Jonas.Becker@example.de")
    buttons = offer[-1]["buttons"]
    assert buttons and all(b["payload"].startswith("/choose_slot{") for b in buttons)
    new_slot = json.loads(buttons[-1]["payload"][len("/choose_slot") :])["appointment_slot"]

    question = joined(say(rasa, sender, buttons[-1]["payload"]))
    assert "Neuer Termin:" in question and "verschieben?" in question
    done = joined(say(rasa, sender, "ja"))
    assert "Ihr Termin ist verschoben." in done and reference in done

    moved = stored(api, reference)
    assert moved["status"] == "confirmed" and moved["start"] != old_start
    assert moved["jugendamt"]["id"] == int(new_slot.split("-")[1])

    # A new booking afterwards asks for the date again: the chosen slot is not reused.
    after = joined(say(rasa, sender, "Ich möchte noch einen Termin"))
    assert "Wie alt sind Ihre Kinder?" in after or "frei" in after


def test_no_keeps_the_booking(rasa: httpx.Client, api: httpx.Client) -> None:
    reference = book_in_chat(rasa, "Ole Hansen", "0160 5556677", slot_index=1)
    sender = secrets.token_hex(16)
    say(rasa, sender, "Termin stornieren")
    say(rasa, sender, reference)
    say(rasa, sender, "6677")
    assert "bleibt" in joined(say(rasa, sender, "nein"))
    assert stored(api, reference)["status"] == "confirmed"
