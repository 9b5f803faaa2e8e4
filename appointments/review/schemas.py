"""Payloads of the review endpoints the action server and the chat channel call."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Reason = Literal["unsicher", "vorschlag_abgelehnt", "reparatur", "nicht_hilfreich"]
NAME_PATTERN = r"^[a-z][a-z0-9_/]{0,99}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewCapture(_Strict):
    """A message the chat was unsure about. `text` is redacted again before it is stored."""

    text: str = Field(default="", max_length=4000)
    predicted_intent: str | None = Field(default=None, pattern=NAME_PATTERN, max_length=64)
    confidence: float | None = Field(default=None, ge=0, le=1)
    language: str = Field(default="de", pattern=r"^[a-z]{2,3}$")
    reason: Reason
    answer_id: str | None = Field(default=None, pattern=NAME_PATTERN, max_length=100)
    # Set when the intent was `emergency` or the crisis phrases matched: no text is kept.
    crisis: Literal["intent", "muster"] | None = None


class ReviewCaptured(_Strict):
    """What was kept: `stored` is false for crisis messages (only counted)."""

    stored: bool


class MessageCount(_Strict):
    """How many family messages the chat channel received since its last report."""

    messages: int = Field(ge=1, le=100_000)


class AnswerRatingIn(_Strict):
    """A family's one-click rating of one answer; `question` is redacted before storage."""

    answer_id: str = Field(pattern=NAME_PATTERN, max_length=100)
    helpful: bool
    question: str | None = Field(default=None, max_length=4000)
    language: str = Field(default="de", pattern=r"^[a-z]{2,3}$")
