"""Endpoints of the review inbox for the chat side (service token only)."""

from __future__ import annotations

from fastapi import APIRouter, status

from appointments.deps import NowDep, ServiceCall, SessionDep, SettingsDep
from appointments.review import service
from appointments.review.schemas import (
    AnswerRatingIn,
    MessageCount,
    ReviewCapture,
    ReviewCaptured,
)

router = APIRouter(tags=["Prüfeingang"])


@router.post(
    "/review/items",
    response_model=ReviewCaptured,
    status_code=status.HTTP_201_CREATED,
    summary="Unsicher verstandene Nachricht (geschwärzt) in den Prüfeingang",
)
def post_review_item(
    _service: ServiceCall,
    data: ReviewCapture,
    session: SessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> ReviewCaptured:
    """Store a redacted message; crisis messages are only counted."""
    return ReviewCaptured(stored=service.capture(session, data, now, settings))


@router.post(
    "/review/ratings",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Bewertung einer Antwort („War das hilfreich?“)",
)
def post_answer_rating(
    _service: ServiceCall,
    data: AnswerRatingIn,
    session: SessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> None:
    """Count the rating; "Nein" also stores the answer id and the redacted question."""
    service.rate_answer(session, data, now, settings)


@router.post(
    "/review/messages",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Anzahl der Nachrichten (für die Quote „nicht sicher verstanden“)",
)
def post_message_count(
    _service: ServiceCall,
    data: MessageCount,
    session: SessionDep,
    now: NowDep,
    settings: SettingsDep,
) -> None:
    """Add a count of family messages to this week (no texts, no ids)."""
    service.count_messages(session, data.messages, now, settings)
