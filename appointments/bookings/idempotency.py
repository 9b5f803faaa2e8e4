"""Idempotency-Key handling: a retried request returns the booking the first one created."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.exceptions import IdempotencyKeyReusedError
from appointments.bookings.models import Booking, IdempotencyRecord
from appointments.bookings.tokens import hash_token, new_manage_token
from appointments.config import Settings
from appointments.errors import AppointmentsError

_LATER_DEFAULTS: dict[str, object] = {
    "language": None,
    "interpreter_needed": False,
    "accessibility_needed": False,
    "note": None,
}


@dataclass(frozen=True)
class BookingResult:
    """A stored booking, the family's manage token and whether this was a replay."""

    booking: Booking
    manage_token: str
    replayed: bool = False


def request_hash(data: BaseModel) -> str:
    """Return a stable hash of the request body."""
    payload = data.model_dump(mode="json")
    # Optional fields added later are left out while unset, so hashes stored before they
    # existed still match a retried request.
    for name, default in _LATER_DEFAULTS.items():
        if name in payload and payload[name] == default:
            del payload[name]
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def find_replay(
    session: Session, settings: Settings, scope: str, key: str | None, data: BaseModel
) -> BookingResult | None:
    """Return the earlier result for this key, None if new; a different body is an error."""
    if key is None:
        return None
    stmt = select(IdempotencyRecord).where(
        IdempotencyRecord.scope == scope, IdempotencyRecord.key_hash == hash_token(key)
    )
    record = session.scalars(stmt).first()
    if record is None:
        return None
    if record.request_hash != request_hash(data):
        raise IdempotencyKeyReusedError()
    token = new_manage_token(settings, scope, key)
    return BookingResult(record.booking, token, replayed=True)


def run_once(
    session: Session,
    settings: Settings,
    scope: str,
    key: str | None,
    data: BaseModel,
    operation: Callable[[], BookingResult],
) -> BookingResult:
    """Run `operation` unless this key already produced a booking.

    If the operation fails while a concurrent request with the same key succeeded (it may
    have taken the slot or made the contact "already booked"), return that result instead.
    """
    replay = find_replay(session, settings, scope, key, data)
    if replay is not None:
        return replay
    try:
        return operation()
    except AppointmentsError:
        if key is None:
            raise
        session.rollback()
        replay = find_replay(session, settings, scope, key, data)
        if replay is None:
            raise
        return replay


def remember(
    session: Session, scope: str, key: str | None, data: BaseModel, booking: Booking, now: datetime
) -> None:
    """Add the key record to the booking's transaction (UNIQUE(scope, key_hash) guards races)."""
    if key is None:
        return
    session.add(
        IdempotencyRecord(
            scope=scope,
            key_hash=hash_token(key),
            request_hash=request_hash(data),
            booking=booking,
            created_at=now,
        )
    )
