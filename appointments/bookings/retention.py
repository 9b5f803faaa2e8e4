"""Erase personal data: after the retention period (purge) or on request (forget).

What stays for statistics: reference, status, times, staff, location, children's ages and
the consent text version and the interpreter/accessibility flags. What goes: name, phone,
e-mail, topics (may be free text), language, note, the
manage token hash and the status reason (free text); purge also drops expired holds and
idempotency keys older than a week.
"""

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from appointments.bookings import repository
from appointments.bookings.exceptions import BookingNotFoundError
from appointments.bookings.models import (
    STATUS_CANCELLED,
    STATUS_CONFIRMED,
    Booking,
    Hold,
    IdempotencyRecord,
)
from appointments.config import Settings
from appointments.outbox.service import erase_for_booking

logger = logging.getLogger(__name__)

ERASED_NAME = "gelöscht"
# Clients retry within minutes; a week is plenty to answer a retry with the same result.
IDEMPOTENCY_KEEP = timedelta(days=7)


def _anonymise(booking: Booking, now: datetime) -> None:
    booking.contact_name = ERASED_NAME
    booking.contact_phone = None
    booking.contact_email = None
    booking.topics = []
    booking.language = None
    booking.note = None
    booking.manage_token_hash = None
    booking.status_reason = None
    booking.anonymised_at = now


def purge(session: Session, settings: Settings, now: datetime) -> int:
    """Anonymise bookings that ended more than retention_days ago; return how many."""
    cutoff = now - timedelta(days=settings.retention_days)
    stmt = select(Booking).where(Booking.end_utc < cutoff, Booking.anonymised_at.is_(None))
    bookings = list(session.scalars(stmt))
    for booking in bookings:
        _anonymise(booking, now)
    session.execute(delete(Hold).where(Hold.expires_at < now, Hold.booking_id.is_(None)))
    session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < now - IDEMPOTENCY_KEEP)
    )
    session.commit()
    logger.info("retention.purged count=%s", len(bookings))
    return len(bookings)


def forget(session: Session, reference: str, now: datetime) -> Booking:
    """Erase one family's data now; an upcoming booking is cancelled and its slot freed."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper())
    if booking is None:
        raise BookingNotFoundError()
    if booking.status == STATUS_CONFIRMED and booking.start_utc > now:
        repository.release_booking(session, booking)
        booking.status = STATUS_CANCELLED
        booking.status_changed_at = now
        booking.sequence += 1
    _anonymise(booking, now)
    # Mails not yet sent carry the family's address: they go with the rest.
    erase_for_booking(session, booking.id, now)
    session.commit()
    logger.info("retention.forgotten booking_id=%s", booking.id)
    return booking
