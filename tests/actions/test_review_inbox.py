"""Unsure moments reach the review inbox of the real API, redacted and without any link."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from actions.booking import ValidateBookingForm
from actions.common import review_inbox
from actions.fallback import ActionDefaultAskAffirmation, ActionDefaultAskRephrase
from actions.family_form import ValidateFamilyForm

RANKING = [
    {"name": "nlu_fallback", "confidence": 0.5},
    {"name": "ask_costs", "confidence": 0.42},
    {"name": "ask_location", "confidence": 0.2},
]


def _rows(api_server: Any) -> list[dict[str, Any]]:
    with sqlite3.connect(api_server.database) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM review_items ORDER BY reason, text")]


@pytest.fixture(autouse=True)
def empty_inbox(api_server: Any) -> None:
    with sqlite3.connect(api_server.database) as db:
        db.execute("DELETE FROM review_items")
        db.execute("DELETE FROM review_crisis_counts")


async def test_unsure_message_is_stored_redacted(api_server, tracker_factory, dispatcher):
    tracker = tracker_factory(
        {"language": "de"}, text="was kostet das, meine nummer 0171 2345678", intent="nlu_fallback"
    )
    tracker.latest_message["intent_ranking"] = RANKING
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    await review_inbox.wait_pending()

    [row] = _rows(api_server)
    assert row["text"] == "was kostet das, meine nummer [TELEFON]"
    assert (row["predicted_intent"], row["confidence"]) == ("ask_costs", 0.42)
    assert (row["reason"], row["language"]) == ("unsicher", "de")
    assert row["answer_id"] == "action_default_ask_affirmation"
    # Nothing in the table can lead back to the conversation.
    assert not {"sender_id", "conversation_id", "timestamp", "created_at"} & set(row)
    assert "test" not in row.values()  # the tracker's sender id


async def test_rejected_suggestion_reports_the_original_message(
    api_server, tracker_factory, dispatcher
):
    tracker = tracker_factory({}, text="/out_of_scope", intent="out_of_scope")
    tracker.events = [
        {
            "event": "user",
            "text": "Ich heiße Anna, geht Wohngeld?",
            "parse_data": {"intent": {"name": "nlu_fallback"}, "intent_ranking": RANKING},
        },
        {"event": "user", "text": "/out_of_scope", "parse_data": {"intent": {"name": "x"}}},
    ]
    await ActionDefaultAskRephrase().run(dispatcher, tracker, {})
    await review_inbox.wait_pending()

    assert [m["response"] for m in dispatcher.messages] == ["utter_ask_rephrase"]
    [row] = _rows(api_server)
    assert (row["text"], row["reason"]) == (
        "Ich heiße [NAME], geht Wohngeld?",
        "vorschlag_abgelehnt",
    )


async def test_second_failed_answer_is_reported_but_never_contact_answers(
    api_server, tracker_factory, dispatcher
):
    ages = tracker_factory(
        {"requested_slot": "child_ages", "repair_count": 1},
        text="kleiner und groß",
        intent="inform",
    )
    await ValidateFamilyForm().extract_child_ages(dispatcher, ages, {})
    phone = tracker_factory(
        {"requested_slot": "contact_phone", "repair_count": 1}, text="Anna 0171", intent="inform"
    )
    await ValidateBookingForm().extract_contact_phone(dispatcher, phone, {})
    await review_inbox.wait_pending()

    [row] = _rows(api_server)
    assert (row["text"], row["reason"]) == ("kleiner und groß", "reparatur")
    assert row["answer_id"] == "utter_child_ages_not_understood"


async def test_crisis_message_is_only_counted(api_server, tracker_factory, dispatcher):
    tracker = tracker_factory({}, text="mein mann schlägt mich", intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = RANKING
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    await review_inbox.wait_pending()

    assert _rows(api_server) == []
    with sqlite3.connect(api_server.database) as db:
        assert db.execute("SELECT decision, count FROM review_crisis_counts").fetchall() == [
            ("muster", 1)
        ]


def test_payload_for_a_crisis_carries_no_text() -> None:
    payload = review_inbox.build_payload("ich will nicht mehr leben", "unsicher", "de")
    assert payload["text"] == "" and payload["crisis"] == "muster"


async def test_switched_off_sends_nothing(monkeypatch, api_server, tracker_factory, dispatcher):
    monkeypatch.setenv("FL_REVIEW_INBOX", "0")
    tracker = tracker_factory({}, text="was?", intent="nlu_fallback")
    await ActionDefaultAskAffirmation().run(dispatcher, tracker, {})
    await review_inbox.wait_pending()
    assert _rows(api_server) == []
