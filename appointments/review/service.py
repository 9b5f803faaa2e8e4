"""Store, list, annotate and purge review items; count ratings and crisis messages."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.review.models import (
    STATUS_ANNOTATED,
    STATUS_IGNORED,
    STATUS_NEW,
    AnswerRating,
    CrisisCount,
    ReviewItem,
    WeekCount,
)
from appointments.review.schemas import AnswerRatingIn, ReviewCapture
from runtime.crisis_patterns import CRISIS_RE
from runtime.text_redaction import redact_text


def local_day(now: datetime, settings: Settings) -> date:
    """Return the local calendar day of `now` (the finest time the inbox keeps)."""
    return now.astimezone(ZoneInfo(settings.timezone)).date()


def iso_week(day: date) -> str:
    """Return the ISO week of a day, e.g. "2026-W49"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _count_crisis(session: Session, day: date, decision: str) -> None:
    row = session.scalar(
        select(CrisisCount).where(CrisisCount.day == day, CrisisCount.decision == decision)
    )
    if row is None:
        row = CrisisCount(day=day, decision=decision, count=0)
        session.add(row)
    row.count += 1


def _week_row(session: Session, week: str) -> WeekCount:
    row = session.scalar(select(WeekCount).where(WeekCount.week == week))
    if row is None:
        row = WeekCount(week=week, messages=0, unsure=0)
        session.add(row)
    return row


def count_messages(session: Session, messages: int, now: datetime, settings: Settings) -> None:
    """Add to this week's count of family messages (the chat channel reports counts only)."""
    _week_row(session, iso_week(local_day(now, settings))).messages += messages
    session.commit()


def capture(session: Session, data: ReviewCapture, now: datetime, settings: Settings) -> bool:
    """Store one redacted item; a crisis message is only counted. Return whether stored."""
    day = local_day(now, settings)
    if data.reason in ("unsicher", "vorschlag_abgelehnt", "reparatur"):
        _week_row(session, iso_week(day)).unsure += 1
    # The API checks the crisis phrases itself too: a client that forgot must not make a
    # crisis message readable in the inbox.
    decision = data.crisis or ("muster" if CRISIS_RE.search(data.text or "") else None)
    if decision or data.predicted_intent == "emergency":
        _count_crisis(session, day, decision or "intent")
        session.commit()
        return False
    session.add(
        ReviewItem(
            id=secrets.token_hex(12),
            day=day,
            week=iso_week(day),
            text=redact_text(data.text),
            predicted_intent=data.predicted_intent,
            confidence=None if data.confidence is None else round(data.confidence, 2),
            language=data.language,
            reason=data.reason,
            answer_id=data.answer_id,
            status=STATUS_NEW,
        )
    )
    session.commit()
    return True


def rate_answer(session: Session, data: AnswerRatingIn, now: datetime, settings: Settings) -> None:
    """Count a rating; "Nein" also puts the answer (and the redacted question) in the inbox."""
    day = local_day(now, settings)
    same = (AnswerRating.day == day, AnswerRating.answer_id == data.answer_id)
    row = session.scalar(select(AnswerRating).where(*same))
    if row is None:
        row = AnswerRating(day=day, week=iso_week(day), answer_id=data.answer_id)
        row.helpful = row.unhelpful = 0
        session.add(row)
    if data.helpful:
        row.helpful += 1
        session.commit()
        return
    row.unhelpful += 1
    session.commit()
    capture(
        session,
        ReviewCapture(
            text=data.question or "",
            language=data.language,
            reason="nicht_hilfreich",
            answer_id=data.answer_id,
        ),
        now,
        settings,
    )


def purge_review(session: Session, settings: Settings, now: datetime) -> int:
    """Delete items older than the retention period; return how many.

    Counts (ratings, crisis messages) hold no text and stay for the quality page.
    """
    cutoff = local_day(now, settings) - timedelta(days=settings.review_retention_days)
    result = session.execute(delete(ReviewItem).where(ReviewItem.day < cutoff))
    session.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ItemFilter:
    """Filters of the inbox list; None means any."""

    predicted_intent: str | None = None
    language: str | None = None
    reason: str | None = None
    week: str | None = None
    status: str | None = STATUS_NEW


def list_items(session: Session, chosen: ItemFilter, limit: int = 200) -> Sequence[ReviewItem]:
    """Return matching items, newest day first."""
    query = select(ReviewItem)
    for column, value in (
        (ReviewItem.predicted_intent, chosen.predicted_intent),
        (ReviewItem.language, chosen.language),
        (ReviewItem.reason, chosen.reason),
        (ReviewItem.week, chosen.week),
        (ReviewItem.status, chosen.status),
    ):
        if value:
            query = query.where(column == value)
    return session.scalars(query.order_by(ReviewItem.day.desc(), ReviewItem.id).limit(limit)).all()


def filter_choices(session: Session) -> dict[str, list[str]]:
    """Return the values present in the inbox for each filter (for the select boxes)."""
    choices: dict[str, list[str]] = {}
    for name, column in (
        ("predicted_intent", ReviewItem.predicted_intent),
        ("language", ReviewItem.language),
        ("reason", ReviewItem.reason),
        ("week", ReviewItem.week),
    ):
        values = session.scalars(select(column).distinct().where(column.is_not(None))).all()
        choices[name] = sorted(str(value) for value in values)
    return choices


def get_item(session: Session, item_id: str) -> ReviewItem | None:
    """Return one item or None."""
    return session.get(ReviewItem, item_id)


def entities_json(entities: list[dict[str, object]]) -> str:
    """Serialise annotated entities for storage."""
    return json.dumps(entities, ensure_ascii=False)


def annotate(
    session: Session, item: ReviewItem, intent: str, entities: list[dict[str, object]]
) -> None:
    """Record the right intent (and entities) for an item."""
    item.annotated_intent = intent
    item.annotated_entities = entities_json(entities) if entities else None
    item.status = STATUS_ANNOTATED
    session.commit()


def set_status(session: Session, item_ids: Sequence[str], status: str) -> int:
    """Set many items to ignored or back to new; return how many changed."""
    if status not in (STATUS_IGNORED, STATUS_NEW):
        raise ValueError(status)
    items = session.scalars(select(ReviewItem).where(ReviewItem.id.in_(list(item_ids)))).all()
    for item in items:
        item.status = status
        if status == STATUS_NEW:
            item.annotated_intent = None
            item.annotated_entities = None
    session.commit()
    return len(items)


def annotate_many(session: Session, item_ids: Sequence[str], intent: str) -> int:
    """Give many items the same intent (no entities); return how many."""
    items = session.scalars(select(ReviewItem).where(ReviewItem.id.in_(list(item_ids)))).all()
    for item in items:
        item.annotated_intent = intent
        item.status = STATUS_ANNOTATED
    session.commit()
    return len(items)


@dataclass(frozen=True)
class UnhelpfulAnswer:
    """An answer with its rating counts over the chosen period."""

    answer_id: str
    unhelpful: int
    helpful: int

    @property
    def unhelpful_share(self) -> float:
        """Return the share of "Nein" among all ratings of this answer."""
        total = self.unhelpful + self.helpful
        return self.unhelpful / total if total else 0.0


def unhelpful_answers(session: Session, limit: int = 20) -> list[UnhelpfulAnswer]:
    """Return the answers most often rated unhelpful, most first."""
    rows = session.execute(
        select(
            AnswerRating.answer_id,
            func.sum(AnswerRating.unhelpful),
            func.sum(AnswerRating.helpful),
        )
        .group_by(AnswerRating.answer_id)
        .order_by(func.sum(AnswerRating.unhelpful).desc(), AnswerRating.answer_id)
        .limit(limit)
    ).all()
    return [UnhelpfulAnswer(str(a), int(u or 0), int(h or 0)) for a, u, h in rows if u]


def annotated_items(session: Session) -> Sequence[ReviewItem]:
    """Return all annotated items (for the export into training data)."""
    return session.scalars(
        select(ReviewItem)
        .where(ReviewItem.status == STATUS_ANNOTATED)
        .order_by(ReviewItem.language, ReviewItem.annotated_intent, ReviewItem.text)
    ).all()
