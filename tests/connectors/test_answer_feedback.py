"""„War das hilfreich?“: answer ids reach the widget; ratings reach the real API anonymously."""

from __future__ import annotations

import sqlite3
from typing import Any

from connectors import answer_feedback
from connectors.answer_feedback import RatedSocketIOOutput, rating_payload


class RecordingServer:
    """Records what the output would emit to a socket."""

    def __init__(self) -> None:
        self.emitted: list[dict[str, Any]] = []

    async def emit(self, event: str, data: dict[str, Any], room: str | None = None) -> None:
        self.emitted.append(data)


async def test_last_part_of_a_marked_answer_carries_the_answer_id() -> None:
    server = RecordingServer()
    output = RatedSocketIOOutput(server, "bot_uttered")
    await output.send_text_message("s", "Teil eins\n\nTeil zwei", answer_id="antwort/ask_costs")
    await output.send_text_message("s", "Ohne Kennung", utter_action="utter_greet")
    await output.send_text_message("s", "Notruf 110", answer_id="antwort/emergency")
    buttons = [{"title": "Ja", "payload": "/affirm"}]
    await output.send_text_with_buttons("s", "Frage", buttons, answer_id="antwort/ask_kita")
    assert server.emitted == [
        {"text": "Teil eins"},
        {"text": "Teil zwei", "answer_id": "antwort/ask_costs"},
        {"text": "Ohne Kennung"},
        {"text": "Notruf 110"},
        {
            "text": "Frage",
            "quick_replies": [{"content_type": "text", "title": "Ja", "payload": "/affirm"}],
            "answer_id": "antwort/ask_kita",
        },
    ]


async def test_no_rating_is_offered_when_the_review_inbox_is_off(monkeypatch) -> None:
    monkeypatch.setenv("FL_REVIEW_INBOX", "0")
    server = RecordingServer()
    output = RatedSocketIOOutput(server, "bot_uttered")
    await output.send_text_message("s", "Antwort", answer_id="antwort/ask_costs")
    assert server.emitted == [{"text": "Antwort"}]
    assert rating_payload({"answer_id": "antwort/ask_costs", "helpful": True}) is None


def test_rating_payload_redacts_the_question_and_drops_everything_else() -> None:
    payload = rating_payload(
        {
            "answer_id": "antwort/ask_costs",
            "helpful": False,
            "question": "Ich heiße Anna, Tel 0171 2345678",
            "session_id": "x" * 40,
        }
    )
    assert payload == {
        "answer_id": "antwort/ask_costs",
        "helpful": False,
        "question": "Ich heiße [NAME], Tel [TELEFON]",
    }
    assert rating_payload({"answer_id": "antwort/x", "helpful": True, "question": "q"}) == {
        "answer_id": "antwort/x",
        "helpful": True,
    }
    for bad in (None, [], {"answer_id": "antwort/x"}, {"answer_id": "X y", "helpful": True}):
        assert rating_payload(bad) is None


async def test_forwarded_rating_is_counted_and_no_goes_to_the_inbox(api_server: Any) -> None:
    with sqlite3.connect(api_server.database) as db:
        db.execute("DELETE FROM review_items")
        db.execute("DELETE FROM review_answer_ratings")
    assert await answer_feedback.forward({"answer_id": "antwort/ask_costs", "helpful": True})
    no = rating_payload(
        {
            "answer_id": "antwort/ask_costs",
            "helpful": False,
            "question": "was kostet das 0171 2345678",
        }
    )
    assert no is not None and await answer_feedback.forward(no)
    with sqlite3.connect(api_server.database) as db:
        ratings = db.execute(
            "SELECT answer_id, helpful, unhelpful FROM review_answer_ratings"
        ).fetchall()
        items = db.execute("SELECT text, reason, answer_id FROM review_items").fetchall()
    assert ratings == [("antwort/ask_costs", 1, 1)]
    assert items == [("was kostet das [TELEFON]", "nicht_hilfreich", "antwort/ask_costs")]


async def test_every_part_names_the_conversation_language_and_nothing_else_passes() -> None:
    server = RecordingServer()
    output = RatedSocketIOOutput(server, "bot_uttered")
    await output.send_text_message("s", "Part one\n\nPart two", language="en")
    buttons = [{"title": "Yes", "payload": "/affirm"}]
    await output.send_text_with_buttons("s", "Question", buttons, language="ar")
    await output.send_text_message("s", "Kein Code", language="<script>")
    assert [message.get("language") for message in server.emitted] == ["en", "en", "ar", None]
