"""A family books through the REST channel; the API has stored what it said."""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3

import httpx
import pytest
import socketio

from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e

# Bookings come from the chat service: the API wants its bearer token (development value).
SERVICE = {
    "Authorization": "Bearer "
    + os.environ.get("APPOINTMENTS_SERVICE_TOKEN", "entwicklung-dienst-nur-lokal")
}


def say(rasa: httpx.Client, sender: str, message: str) -> list[dict]:
    response = rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": message})
    response.raise_for_status()
    return response.json()


def joined(answers: list[dict]) -> str:
    return "\n".join(a.get("text", "") for a in answers)


def test_family_books_joint_consultation(
    stack: Stack, rasa: httpx.Client, api: httpx.Client
) -> None:
    sender = secrets.token_hex(16)

    greeting = joined(say(rasa, sender, "Hallo"))
    assert "Familienlotse" in greeting
    assert "Wie alt sind Ihre Kinder?" in greeting

    question = say(rasa, sender, "Meine Kinder sind 4 und 7")
    assert "Grundsicherungsgeld (früher Bürgergeld)" in joined(question)
    assert [b["payload"] for b in question[-1]["buttons"]] == ["/affirm", "/deny"]

    explanation = say(rasa, sender, "ja")
    text = joined(explanation)
    assert "Jugendamt" in text and "Jobcenter" in text and "Kita" in text and "Schulsachen" in text
    assert text.rstrip().endswith("Möchten Sie einen gemeinsamen Termin?")

    offer = say(rasa, sender, "ja")
    buttons = offer[-1]["buttons"]
    assert buttons and all(b["payload"].startswith("/choose_slot{") for b in buttons)
    chosen = json.loads(buttons[1]["payload"][len("/choose_slot") :])["appointment_slot"]

    assert "Namen" in joined(say(rasa, sender, buttons[1]["payload"]))
    assert "Telefonnummer" in joined(say(rasa, sender, "Maria Muster"))
    consent = joined(say(rasa, sender, "0171 2345678"))
    assert "Einwilligung" in consent and "freiwillig" in consent and "widerrufen" in consent
    assert "Alter der Kinder: 4 und 7 Jahre" in consent and "Ihre Themen:" in consent

    confirmation = joined(say(rasa, sender, "ja"))
    assert "Ihr gemeinsamer Termin ist gebucht." in confirmation
    assert re.search(r"\w+tag|Mittwoch", confirmation)
    reference = re.search(r"Ihre Buchungsnummer: (\S+)", confirmation).group(1)
    # The demo place has no confirmed house number: never shown, the family learns how it comes.
    assert "Wo: Familienbüro der Stadt Ibbenbüren\n" in confirmation
    assert "Die genaue Adresse steht noch nicht fest." in confirmation
    assert "zu bestätigen" not in confirmation and "Hausnummer" not in confirmation

    bookings = api.get("/staff/bookings").raise_for_status().json()["bookings"]
    [stored] = [b for b in bookings if b["reference"] == reference]
    assert stored["children_ages"] == [4, 7]
    assert stored["contact"] == {"name": "Maria Muster", "phone": "0171 2345678", "email": None}
    start = chosen.split("-")[0]
    assert stored["start"].replace("-", "").replace(":", "").startswith(start[:13])
    assert stored["jugendamt"]["id"] == int(chosen.split("-")[1])
    assert stored["jobcenter"]["id"] == int(chosen.split("-")[2])

    # The conversation store keeps the conversation, but no contact data in readable form.
    with sqlite3.connect(stack.tracker_db) as connection:
        rows = [data for (data,) in connection.execute("SELECT data FROM events")]
    stored_text = "\n".join(rows)
    assert "Meine Kinder sind 4 und 7" in stored_text
    served = rasa.get(f"/conversations/{sender}/tracker", params={"token": stack.token}).text
    assert reference in served
    for secret in ("Maria Muster", "0171 2345678", "2345678"):
        assert secret not in stored_text
        assert secret not in served


def test_booked_slot_is_not_offered_again(api: httpx.Client) -> None:
    slot = api.get("/slots", params={"limit": 1}).json()["slots"][0]
    created = api.post(
        "/bookings",
        auth=None,
        headers=SERVICE,
        json={
            "slot_id": slot["id"],
            "children_ages": [5],
            "contact": {"name": "Olga Petrowa", "phone": None, "email": "olga@example.de"},
            "consent": {
                "text_version": "test",
                "given_at": "2026-11-25T10:00:00+00:00",
                "channel": "chat",
            },
        },
    )
    assert created.status_code == 201, created.text

    free = api.get("/slots", params={"limit": 20}).json()["slots"]
    for other in free:
        if other["start"] == slot["start"]:
            assert other["jugendamt"]["id"] != slot["jugendamt"]["id"]
            assert other["jobcenter"]["id"] != slot["jobcenter"]["id"]
    again = api.post(
        "/bookings",
        auth=None,
        headers=SERVICE,
        json={
            "slot_id": slot["id"],
            "children_ages": [6],
            "contact": {"name": "Peter Meier", "phone": "05451 123456", "email": None},
            "consent": {
                "text_version": "test",
                "given_at": "2026-11-25T10:00:00+00:00",
                "channel": "chat",
            },
        },
    )
    assert again.status_code == 409
    assert again.json()["code"] == "slot_taken"


def test_long_and_empty_messages_get_german_answers(rasa: httpx.Client) -> None:
    sender = secrets.token_hex(16)
    long_answer = say(rasa, sender, "Bla " * 1250)
    assert long_answer and all(a.get("text") for a in long_answer)
    empty = rasa.post("/webhooks/rest/webhook", json={"sender": sender, "message": ""})
    assert empty.status_code < 500


def test_http_api_needs_token(stack: Stack, rasa: httpx.Client) -> None:
    assert rasa.get("/status").status_code == 401
    assert rasa.get("/status", params={"token": stack.token}).status_code == 200


@pytest.mark.anyio
async def test_socketio_channel_answers(stack: Stack) -> None:
    client = socketio.AsyncClient()
    answers: list[dict] = []
    confirmed: list[str] = []
    client.on("bot_uttered", lambda data: answers.append(data))
    client.on("session_confirm", lambda data: confirmed.append(data))
    session_id = secrets.token_hex(16)
    await client.connect(stack.rasa, socketio_path="/socket.io", transports=["websocket"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        await client.emit("user_uttered", {"message": "/greet", "session_id": session_id})
        for _ in range(100):
            if len(answers) >= 2:
                break
            await client.sleep(0.1)
    finally:
        await client.disconnect()
    assert confirmed
    assert any("Familienlotse" in a.get("text", "") for a in answers)
