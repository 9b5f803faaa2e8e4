"""Family self-service with reference + manage token: view, cancel, reschedule."""

import logging
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.service import resolve_slot
from appointments.bookings import repository
from appointments.bookings.exceptions import (
    BookingNotChangeableError,
    BookingNotFoundError,
    SlotTakenError,
)
from appointments.bookings.models import STATUS_CANCELLED, STATUS_CONFIRMED, Booking
from appointments.bookings.tokens import token_matches
from appointments.config import Settings
from appointments.notify.service import EVENT_CANCELLED, EVENT_RESCHEDULED, queue_booking_mails
from appointments.outbox.dispatch import wake_worker
from appointments.reminders.service import reminder_token_matches

logger = logging.getLogger(__name__)

FAMILY_CANCEL_REASON = "Von der Familie abgesagt"


def get_by_reference_and_token(session: Session, reference: str, token: str) -> Booking:
    """Return the booking if the token fits; unknown reference and wrong token look the same."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper())
    if booking is None or not (
        token_matches(token, booking.manage_token_hash)
        # A reminder mail carries its own link (the first token exists only as a hash).
        or reminder_token_matches(session, booking, token)
    ):
        logger.info("booking.manage.not_found")
        raise BookingNotFoundError()
    return booking


def _ensure_changeable(booking: Booking, now: datetime) -> None:
    if booking.status != STATUS_CONFIRMED or booking.start_utc <= now:
        raise BookingNotChangeableError()


def claim_change(session: Session, booking: Booking, now: datetime) -> int:
    """Take the booking for one change: a conditional update, so only one change wins.

    The update succeeds only if the booking is still confirmed, upcoming and unchanged since
    it was read (same `sequence`); it keeps the row locked until the transaction ends. A
    cancel racing a reschedule therefore cannot leave a cancelled booking holding a slot.
    Returns the new sequence.
    """
    _ensure_changeable(booking, now)
    expected = booking.sequence
    result = session.execute(
        update(Booking)
        .where(
            Booking.id == booking.id,
            Booking.status == STATUS_CONFIRMED,
            Booking.sequence == expected,
        )
        .values(sequence=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        logger.info("booking.change.lost_race booking_id=%s", booking.id)
        raise BookingNotChangeableError()
    return expected + 1


def cancel_booking(
    session: Session,
    settings: Settings,
    booking: Booking,
    now: datetime,
    reason: str,
    changed_by: int | None = None,
    manage_token: str | None = None,
) -> Booking:
    """Cancel a confirmed booking and free both staff members (the slot is offered again)."""
    sequence = claim_change(session, booking, now)
    repository.release_booking(session, booking)
    booking.status = STATUS_CANCELLED
    booking.status_reason = reason
    booking.status_changed_at = now
    booking.status_changed_by = changed_by
    booking.sequence = sequence
    mails = queue_booking_mails(session, settings, booking, EVENT_CANCELLED, manage_token, now)
    session.commit()
    logger.info("booking.cancelled booking_id=%s", booking.id)
    wake_worker(session, settings, mails)
    return booking


def reschedule_booking(
    session: Session,
    settings: Settings,
    booking: Booking,
    now: datetime,
    slot_id: str,
    manage_token: str | None = None,
) -> Booking:
    """Move a booking to another joint slot atomically: all or nothing."""
    _ensure_changeable(booking, now)
    slot = resolve_slot(session, settings, now, slot_id)
    booking_id = booking.id
    sequence = claim_change(session, booking, now)
    repository.release_booking(session, booking)
    repository.release_expired_holds(session, slot, now)
    booking.start_utc = slot.start_utc
    booking.end_utc = slot.end_utc
    booking.jugendamt_staff = slot.jugendamt
    booking.jobcenter_staff = slot.jobcenter
    booking.location = slot.location
    booking.sequence = sequence
    session.add_all(repository.occupancies_for(slot, booking_id=booking_id))
    try:
        # Writing the mails may flush the occupancies first: a taken slot can fail there too.
        mails = queue_booking_mails(
            session, settings, booking, EVENT_RESCHEDULED, manage_token, now
        )
        session.commit()
    except IntegrityError:
        session.rollback()
        logger.info("booking.reschedule.slot_taken booking_id=%s", booking_id)
        raise SlotTakenError() from None
    logger.info("booking.rescheduled booking_id=%s slot_id=%s", booking_id, slot.id)
    wake_worker(session, settings, mails)
    return booking
