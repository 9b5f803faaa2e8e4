"""Add, claim and deliver outbox rows; the table, not the task queue, decides what is due.

Delivery is at-least-once with a stable Message-ID: a worker claims a row with a random
token and a lease (a conditional update, so two workers never hold the same row), sends
it, and marks it sent only while it still holds the claim. A worker killed before the
"sent" commit leaves the claim to expire; the next worker sends the same message again.
"""

import logging
import secrets
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.notify import mailer
from appointments.outbox.models import (
    STATUS_FAILED,
    STATUS_PENDING,
    STATUS_RETRYING,
    STATUS_SENDING,
    STATUS_SENT,
    OutboxMessage,
)

logger = logging.getLogger(__name__)

# Retries never wait longer than this, however many attempts came before.
MAX_BACKOFF_SECONDS = 6 * 3600
SWEEP_BATCH = 200


def utc_now() -> datetime:
    """Return the current time (the worker runs on the real clock)."""
    return datetime.now(timezone.utc)


def add_mail(
    session: Session,
    message: EmailMessage,
    *,
    booking: Booking | None,
    event: str,
    role: str,
    now: datetime,
) -> OutboxMessage:
    """Add one rendered e-mail to the session; it is stored by the caller's commit."""
    row = OutboxMessage(
        booking=booking,
        event=event,
        recipient_role=role,
        message_id=str(message["Message-ID"]),
        payload=message.as_bytes(),
        status=STATUS_PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    return row


def backoff_seconds(settings: Settings, attempts: int) -> int:
    """Return the wait before the next attempt: base, 2×base, 4×base … (capped)."""
    return int(min(settings.outbox_retry_seconds * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def _due(now: datetime):  # type: ignore[no-untyped-def]
    # A new row is due at once, whatever clock wrote it; a retry when its time has come;
    # a claimed row only when its worker's lease ran out (the worker died).
    return or_(
        OutboxMessage.status == STATUS_PENDING,
        and_(OutboxMessage.status == STATUS_RETRYING, OutboxMessage.next_attempt_at <= now),
        and_(OutboxMessage.status == STATUS_SENDING, OutboxMessage.lease_until < now),
    )


def due_ids(session: Session, now: datetime, limit: int = SWEEP_BATCH) -> list[int]:
    """Return the ids of rows a worker should try now, oldest first."""
    stmt = (
        select(OutboxMessage.id)
        .where(_due(now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def claim(session: Session, settings: Settings, outbox_id: int, now: datetime) -> str | None:
    """Take one due row for this worker; return the claim token, or None if not ours."""
    token = secrets.token_hex(16)
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, _due(now))
        .values(
            status=STATUS_SENDING,
            claim_token=token,
            lease_until=now + timedelta(seconds=settings.outbox_lease_seconds),
            attempts=OutboxMessage.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return token if result.rowcount == 1 else None  # type: ignore[attr-defined]


def _finish(session: Session, outbox_id: int, token: str, **values: object) -> bool:
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id, OutboxMessage.claim_token == token)
        .values(claim_token=None, lease_until=None, **values)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    # An UPDATE's result carries rowcount; the generic Result type does not declare it.
    changed: int = getattr(result, "rowcount", 0)
    return changed == 1


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt did: the row's new status and, for a retry, its time."""

    status: str
    retry_at: datetime | None = None


def deliver_one(
    session_factory: sessionmaker[Session],
    settings: Settings,
    outbox_id: int,
    clock: Callable[[], datetime] = utc_now,
) -> Attempt | None:
    """Claim and send one row; return what happened, or None if it was not due or not ours."""
    with session_factory() as session:
        now = clock()
        token = claim(session, settings, outbox_id, now)
        if token is None:
            return None
        row = session.get(OutboxMessage, outbox_id)
        if row is None or row.payload is None:  # pragma: no cover - claimed rows have both
            return None
        payload, attempts, event = row.payload, row.attempts, row.event
        message = message_from_bytes(payload, policy=policy.default)
        try:
            mailer.deliver(settings, message)
        except (OSError, smtplib.SMTPException) as exc:
            return _record_failure(session, settings, row, token, attempts, exc, clock())
        done = clock()
        # The message leaves the database with its delivery: it holds personal data.
        _finish(
            session,
            outbox_id,
            token,
            status=STATUS_SENT,
            payload=None,
            sent_at=done,
            updated_at=done,
            last_error=None,
        )
        logger.info("outbox.sent outbox_id=%s event=%s attempts=%s", outbox_id, event, attempts)
        return Attempt(STATUS_SENT)


def _record_failure(
    session: Session,
    settings: Settings,
    row: OutboxMessage,
    token: str,
    attempts: int,
    exc: BaseException,
    now: datetime,
) -> Attempt:
    error = type(exc).__name__
    if attempts >= settings.outbox_max_attempts:
        # Nobody can send it any more: erase the personal data, keep the fact for staff.
        _finish(
            session,
            row.id,
            token,
            status=STATUS_FAILED,
            payload=None,
            last_error=error,
            updated_at=now,
        )
        logger.error(
            "outbox.failed outbox_id=%s attempts=%s error_type=%s", row.id, attempts, error
        )
        return Attempt(STATUS_FAILED)
    retry_at = now + timedelta(seconds=backoff_seconds(settings, attempts))
    _finish(
        session,
        row.id,
        token,
        status=STATUS_RETRYING,
        next_attempt_at=retry_at,
        last_error=error,
        updated_at=now,
    )
    # Never the address or the text: they are personal data.
    logger.warning(
        "outbox.retrying outbox_id=%s attempts=%s error_type=%s", row.id, attempts, error
    )
    return Attempt(STATUS_RETRYING, retry_at)


def deliver_due(
    session_factory: sessionmaker[Session],
    settings: Settings,
    clock: Callable[[], datetime] = utc_now,
) -> dict[str, int]:
    """Try every due row once; return how many ended in which status."""
    with session_factory() as session:
        ids = due_ids(session, clock())
    counts: dict[str, int] = {}
    for outbox_id in ids:
        attempt = deliver_one(session_factory, settings, outbox_id, clock)
        if attempt is not None:
            counts[attempt.status] = counts.get(attempt.status, 0) + 1
    if ids:
        logger.info("outbox.sweep due=%s %s", len(ids), _counts_text(counts))
    return counts


def _counts_text(counts: dict[str, int]) -> str:
    return " ".join(f"{status}={count}" for status, count in sorted(counts.items()))


def erase_for_booking(session: Session, booking_id: int, now: datetime) -> int:
    """Drop the unsent mails of one booking (its family's data is being erased); no commit."""
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.booking_id == booking_id, OutboxMessage.status != STATUS_SENT)
        .values(
            status=STATUS_FAILED,
            payload=None,
            claim_token=None,
            lease_until=None,
            last_error="erased",
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def statuses_for_booking(session: Session, booking_id: int) -> list[OutboxMessage]:
    """Return the mails of one booking, oldest first (for the staff booking view)."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.booking_id == booking_id)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return list(session.scalars(stmt))


__all__ = [
    "STATUS_FAILED",
    "STATUS_PENDING",
    "STATUS_RETRYING",
    "STATUS_SENDING",
    "STATUS_SENT",
    "Attempt",
    "add_mail",
    "backoff_seconds",
    "claim",
    "deliver_due",
    "deliver_one",
    "due_ids",
    "erase_for_booking",
    "statuses_for_booking",
]
