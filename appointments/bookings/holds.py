"""Hold → confirm: reserve a slot for a few minutes, then turn the hold into a booking."""

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.joint_slot import JointSlot
from appointments.availability.service import resolve_slot
from appointments.availability.slot_id import IN_PERSON, parse_slot_id
from appointments.bookings import idempotency, repository
from appointments.bookings.duplicates import flag_possible_duplicates
from appointments.bookings.exceptions import (
    HoldExpiredError,
    HoldNotFoundError,
    HoldUsedError,
    SlotTakenError,
)
from appointments.bookings.idempotency import BookingResult
from appointments.bookings.models import Hold, Occupancy
from appointments.bookings.schemas import BookingDetails
from appointments.bookings.service import new_booking
from appointments.bookings.tokens import new_manage_token
from appointments.config import Settings
from appointments.notify.service import EVENT_BOOKED, queue_booking_mails
from appointments.outbox.dispatch import wake_worker

logger = logging.getLogger(__name__)


def create_hold(
    session: Session, settings: Settings, now: datetime, slot_id: str, minutes: int | None = None
) -> Hold:
    """Reserve a joint slot until now + hold_minutes; 409 if it is booked or held.

    `minutes` overrides hold_minutes: a slot offered to waiting families is held for as long
    as the offers last (appointments/waitlist/service.py).
    """
    slot = resolve_slot(session, settings, now, slot_id)
    expires_at = now + timedelta(minutes=settings.hold_minutes if minutes is None else minutes)
    repository.release_expired_holds(session, slot, now)
    hold = Hold(
        id=secrets.token_urlsafe(24),
        slot_id=slot.id,
        start_utc=slot.start_utc,
        end_utc=slot.end_utc,
        jugendamt_staff=slot.jugendamt,
        jobcenter_staff=slot.jobcenter,
        location=slot.location,
        created_at=now,
        expires_at=expires_at,
    )
    hold.occupancies = repository.occupancies_for(slot, expires_at=expires_at)
    session.add(hold)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        logger.info("booking.hold.slot_taken slot_id=%s", slot.id)
        raise SlotTakenError() from None
    logger.info("booking.hold.created slot_id=%s", slot.id)
    return hold


def _slot_of(hold: Hold) -> JointSlot:
    key = parse_slot_id(hold.slot_id)
    kind = key.kind if key is not None else IN_PERSON
    return JointSlot(
        hold.start_utc,
        hold.end_utc,
        hold.jugendamt_staff,
        hold.jobcenter_staff,
        hold.location,
        kind,
    )


def confirm_hold(
    session: Session,
    settings: Settings,
    now: datetime,
    hold_id: str,
    data: BookingDetails,
    idempotency_key: str | None = None,
) -> BookingResult:
    """Turn a live hold into a booking in one transaction; exactly one confirmation wins."""
    scope = f"confirm:{hold_id}"
    return idempotency.run_once(
        session,
        settings,
        scope,
        idempotency_key,
        data,
        lambda: _confirm(session, settings, now, hold_id, data, scope, idempotency_key),
    )


def _confirm(
    session: Session,
    settings: Settings,
    now: datetime,
    hold_id: str,
    data: BookingDetails,
    scope: str,
    idempotency_key: str | None,
) -> BookingResult:
    hold = repository.get_hold(session, hold_id)
    if hold is None:
        raise HoldNotFoundError()
    if hold.booking_id is not None:
        raise HoldUsedError()
    if hold.expires_at <= now:
        raise HoldExpiredError()
    token = new_manage_token(settings, scope, idempotency_key)
    booking = new_booking(_slot_of(hold), data, now, token)
    session.add(booking)
    idempotency.remember(session, scope, idempotency_key, data, booking, now)
    mails = []
    try:
        session.flush()
        # Conditional updates: under concurrency only one transaction can claim the hold.
        claimed = session.execute(
            update(Hold)
            .where(Hold.id == hold.id, Hold.booking_id.is_(None))
            .values(booking_id=booking.id)
        )
        moved = session.execute(
            update(Occupancy)
            .where(Occupancy.hold_id == hold.id, Occupancy.expires_at > now)
            .values(booking_id=booking.id, hold_id=None, expires_at=None)
        )
        won = claimed.rowcount == 1 and moved.rowcount == 2  # type: ignore[attr-defined]
        if won:
            # The mails are stored with the booking (one commit) and sent by the worker.
            mails = queue_booking_mails(session, settings, booking, EVENT_BOOKED, token, now)
            session.commit()
    except IntegrityError:
        won = False
    if not won:
        session.rollback()
        logger.info("booking.confirm.hold_lost")
        raise HoldUsedError()
    session.expire(booking, ["occupancies"])
    logger.info("booking.confirmed booking_id=%s", booking.id)
    flag_possible_duplicates(session, settings, booking, now)
    wake_worker(session, settings, mails)
    return BookingResult(booking, token)


def release_hold(session: Session, now: datetime, hold_id: str) -> None:
    """Give a held slot back at once (the family said no or left); idempotent.

    A hold that already became a booking is left alone: cancelling a booking needs its
    reference and token or check, not the hold id.
    """
    hold = repository.get_hold(session, hold_id)
    if hold is None or hold.booking_id is not None:
        return
    session.execute(
        delete(Occupancy).where(Occupancy.hold_id == hold.id, Occupancy.booking_id.is_(None))
    )
    hold.expires_at = min(hold.expires_at, now)
    session.commit()
    logger.info("booking.hold.released")
