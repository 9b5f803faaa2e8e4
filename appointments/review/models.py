"""Tables of the review inbox. Nothing here links an item to a conversation or a person.

No conversation id, no sender id, no time finer than the day: an item is a redacted text
with what the model guessed. Ids are random, so their order tells nothing either.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from appointments.db import Base

STATUS_NEW = "neu"
STATUS_ANNOTATED = "annotiert"
STATUS_IGNORED = "ignoriert"
STATUSES = (STATUS_NEW, STATUS_ANNOTATED, STATUS_IGNORED)

# Why an item is in the inbox (set by the action server or by a family's rating).
REASONS = {
    "unsicher": "Nicht sicher verstanden („Meinten Sie …?“)",
    "vorschlag_abgelehnt": "Vorschlag abgelehnt („Nichts davon“)",
    "reparatur": "Zwei Fehlversuche bei einer Frage",
    "nicht_hilfreich": "Antwort als nicht hilfreich bewertet",
}


class ReviewItem(Base):
    """One redacted message the chat was unsure about, or an answer rated unhelpful."""

    __tablename__ = "review_items"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    week: Mapped[str] = mapped_column(String(8), index=True)  # ISO week, "2026-W49"
    text: Mapped[str] = mapped_column(String(500), default="")
    predicted_intent: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str] = mapped_column(String(8), default="de")
    reason: Mapped[str] = mapped_column(String(30))
    answer_id: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(12), default=STATUS_NEW, index=True)
    annotated_intent: Mapped[str | None] = mapped_column(String(64))
    # JSON list of {"entity", "value", "start", "end"} over the redacted text.
    annotated_entities: Mapped[str | None] = mapped_column(Text)


class AnswerRating(Base):
    """How often families rated one answer helpful or unhelpful on one day (counts only)."""

    __tablename__ = "review_answer_ratings"
    __table_args__ = (UniqueConstraint("day", "answer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    week: Mapped[str] = mapped_column(String(8))
    answer_id: Mapped[str] = mapped_column(String(100))
    helpful: Mapped[int] = mapped_column(Integer, default=0)
    unhelpful: Mapped[int] = mapped_column(Integer, default=0)


class WeekCount(Base):
    """Messages of families per week and how many the chat was unsure about (counts only)."""

    __tablename__ = "review_week_counts"
    __table_args__ = (UniqueConstraint("week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    week: Mapped[str] = mapped_column(String(8))
    messages: Mapped[int] = mapped_column(Integer, default=0)
    unsure: Mapped[int] = mapped_column(Integer, default=0)


class CrisisCount(Base):
    """Crisis messages are never stored: only how many per day, and which detector decided."""

    __tablename__ = "review_crisis_counts"
    __table_args__ = (UniqueConstraint("day", "decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    # "intent" (the classifier said emergency) or "muster" (the fixed crisis phrases).
    decision: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)
