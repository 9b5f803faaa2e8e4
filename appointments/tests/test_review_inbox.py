"""Review inbox: the chat stores redacted messages, ratings and crisis counts only."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.cli import main
from appointments.config import Settings
from appointments.review.models import AnswerRating, CrisisCount, ReviewItem
from appointments.tests.conftest import FROZEN_NOW, FrozenClock


def _item(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "text": "Ich heiße Anna Schmidt, rufen Sie 0171 2345678 an wegen Kita",
        "predicted_intent": "ask_kita",
        "confidence": 0.41234,
        "language": "de",
        "reason": "unsicher",
        "answer_id": "utter_ask_rephrase",
    }
    return {**body, **overrides}


def test_capture_stores_only_redacted_text_and_the_day(
    client: TestClient, session: Session
) -> None:
    response = client.post("/review/items", json=_item())
    assert response.status_code == 201, response.text
    assert response.json() == {"stored": True}
    item = session.scalars(select(ReviewItem)).one()
    assert item.text == "Ich heiße [NAME], rufen Sie [TELEFON] an wegen Kita"
    assert (item.predicted_intent, item.confidence, item.reason) == ("ask_kita", 0.41, "unsicher")
    assert item.day == FROZEN_NOW.date()
    assert item.week == "2026-W50"
    assert item.status == "neu"


def test_capture_needs_the_service_token(app: Any) -> None:
    with TestClient(app, raise_server_exceptions=False) as anonymous:
        response = anonymous.post("/review/items", json=_item())
    assert response.status_code == 401
    assert response.json()["code"] == "service_token_required"


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"conversation_id": "abc"}, id="conversation-id"),
        pytest.param({"sender_id": "abc"}, id="sender-id"),
        pytest.param({"timestamp": "2026-12-07T10:00:00Z"}, id="timestamp"),
    ],
)
def test_capture_refuses_fields_that_could_link_to_a_conversation(
    client: TestClient, extra: dict[str, str]
) -> None:
    assert client.post("/review/items", json=_item(**extra)).status_code == 422


def test_crisis_message_is_counted_never_stored(client: TestClient, session: Session) -> None:
    flagged = client.post(
        "/review/items", json=_item(text="mein Mann schlägt mich", crisis="muster")
    )
    by_intent = client.post("/review/items", json=_item(text="Hilfe", predicted_intent="emergency"))
    # The API checks the crisis phrases itself when the chat did not flag the message.
    unflagged = client.post("/review/items", json=_item(text="Ich will nicht mehr leben"))
    assert [r.json()["stored"] for r in (flagged, by_intent, unflagged)] == [False, False, False]
    assert session.scalars(select(ReviewItem)).all() == []
    counts = {c.decision: c.count for c in session.scalars(select(CrisisCount))}
    assert counts == {"muster": 2, "intent": 1}


def test_unhelpful_rating_counts_and_puts_the_answer_in_the_inbox(
    client: TestClient, session: Session
) -> None:
    assert client.post("/review/ratings", json={"answer_id": "utter_cost", "helpful": True})
    response = client.post(
        "/review/ratings",
        json={"answer_id": "utter_cost", "helpful": False, "question": "was kostet es, anna@x.de"},
    )
    assert response.status_code == 204, response.text
    rating = session.scalars(select(AnswerRating)).one()
    assert (rating.answer_id, rating.helpful, rating.unhelpful) == ("utter_cost", 1, 1)
    item = session.scalars(select(ReviewItem)).one()
    assert (item.reason, item.answer_id, item.text) == (
        "nicht_hilfreich",
        "utter_cost",
        "was kostet es, [E-MAIL]",
    )


def test_purge_review_deletes_items_past_retention(
    client: TestClient, session: Session, settings: Settings, clock: FrozenClock
) -> None:
    client.post("/review/items", json=_item())
    clock.now = FROZEN_NOW + timedelta(days=10)
    client.post("/review/items", json=_item(text="neuer"))
    client.post("/review/ratings", json={"answer_id": "utter_cost", "helpful": True})
    clock.now = FROZEN_NOW + timedelta(days=31)
    assert main(["purge-review"], settings=settings, clock=clock) == 0
    session.expire_all()
    assert [i.text for i in session.scalars(select(ReviewItem))] == ["neuer"]
    # Counts hold no text and stay for the quality view.
    assert session.scalars(select(AnswerRating)).one().helpful == 1
