"""Book a joint slot in one transaction; the database decides who wins a race."""

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from appointments.availability.service import JointSlot, resolve_slot
from appointments.bookings.exceptions import SlotTakenError
from appointments.bookings.models import STATUS_CONFIRMED, Booking, Occupancy
from appointments.bookings.reference import new_reference
from appointments.bookings.schemas import BookingCreate
from appointments.config import Settings

logger = logging.getLogger(__name__)

# A reference collision is astronomically rare; retry a few times rather than fail.
_REFERENCE_ATTEMPTS = 3


def _new_booking(slot: JointSlot, data: BookingCreate, now: datetime) -> Booking:
    booking = Booking(
        reference=new_reference(),
        status=STATUS_CONFIRMED,
        start_utc=slot.start_utc,
        end_utc=slot.end_utc,
        jugendamt_staff=slot.jugendamt,
        jobcenter_staff=slot.jobcenter,
        location=slot.location,
        children_ages=list(data.children_ages),
        topics=list(data.topics),
        contact_name=data.contact.name,
        contact_phone=data.contact.phone,
        contact_email=data.contact.email,
        consent_text_version=data.consent.text_version,
        consent_given_at=data.consent.given_at,
        consent_channel=data.consent.channel,
        created_at=now,
    )
    # Fixed insert order (by staff id) so concurrent transactions cannot deadlock.
    staff_ids = sorted((slot.jugendamt.id, slot.jobcenter.id))
    booking.occupancies = [Occupancy(staff_id=sid, start_utc=slot.start_utc) for sid in staff_ids]
    return booking


def _is_occupied(session: Session, slot: JointSlot) -> bool:
    stmt = select(Occupancy.id).where(
        Occupancy.staff_id.in_([slot.jugendamt.id, slot.jobcenter.id]),
        Occupancy.start_utc == slot.start_utc,
    )
    return session.scalars(stmt).first() is not None


def create_booking(
    session: Session, settings: Settings, now: datetime, data: BookingCreate
) -> Booking:
    """Store the booking and its two occupancy rows atomically, or raise a coded error."""
    slot = resolve_slot(session, settings, now, data.slot_id)
    for _attempt in range(_REFERENCE_ATTEMPTS):
        booking = _new_booking(slot, data, now)
        session.add(booking)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            # UNIQUE(staff_id, start_utc) fired: another booking won the race for this time.
            if _is_occupied(session, slot):
                logger.info("booking.create.slot_taken slot_id=%s", slot.id)
                raise SlotTakenError() from None
            logger.warning("booking.create.reference_collision")
            continue
        logger.info("booking.created booking_id=%s slot_id=%s", booking.id, slot.id)
        return booking
    raise RuntimeError("could not allocate a unique booking reference")


def list_bookings(session: Session) -> list[Booking]:
    """Return all bookings ordered by start, with both staff members loaded."""
    stmt = (
        select(Booking)
        .options(selectinload(Booking.jugendamt_staff), selectinload(Booking.jobcenter_staff))
        .order_by(Booking.start_utc, Booking.id)
    )
    return list(session.scalars(stmt))
