"""Book a joint slot in one transaction; the database decides who wins a race."""

import logging
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.joint_slot import JointSlot
from appointments.availability.service import resolve_slot
from appointments.bookings import idempotency, repository
from appointments.bookings.duplicates import flag_possible_duplicates
from appointments.bookings.exceptions import SlotTakenError
from appointments.bookings.idempotency import BookingResult
from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.bookings.reference import new_reference
from appointments.bookings.schemas import BookingCreate, BookingDetails
from appointments.bookings.tokens import hash_token, new_manage_token
from appointments.config import Settings
from appointments.notify.service import EVENT_BOOKED, queue_booking_mails
from appointments.outbox.dispatch import wake_worker

logger = logging.getLogger(__name__)

# A reference collision is astronomically rare; retry a few times rather than fail.
_REFERENCE_ATTEMPTS = 3
SCOPE_BOOKINGS = "bookings"


def new_booking(slot: JointSlot, data: BookingDetails, now: datetime, token: str) -> Booking:
    """Build (not add) a confirmed booking for a slot from the family's details."""
    return Booking(
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
        language=data.language,
        interpreter_needed=data.interpreter_needed,
        accessibility_needed=data.accessibility_needed,
        note=data.note,
        consent_text_version=data.consent.text_version,
        consent_given_at=data.consent.given_at,
        consent_channel=data.consent.channel,
        consent_text_language=data.consent.text_language,
        conversation_language=data.conversation_language,
        created_at=now,
        manage_token_hash=hash_token(token),
        sequence=0,
    )


def create_booking(
    session: Session,
    settings: Settings,
    now: datetime,
    data: BookingCreate,
    idempotency_key: str | None = None,
) -> BookingResult:
    """Store the booking and its two occupancy rows atomically, or raise a coded error."""
    return idempotency.run_once(
        session,
        settings,
        SCOPE_BOOKINGS,
        idempotency_key,
        data,
        lambda: _create_booking(session, settings, now, data, idempotency_key),
    )


def _create_booking(
    session: Session,
    settings: Settings,
    now: datetime,
    data: BookingCreate,
    idempotency_key: str | None,
) -> BookingResult:
    # Occupancy only: whether this contact has another booking never changes the answer.
    slot = resolve_slot(session, settings, now, data.slot_id)
    token = new_manage_token(settings, SCOPE_BOOKINGS, idempotency_key)
    for _attempt in range(_REFERENCE_ATTEMPTS):
        repository.release_expired_holds(session, slot, now)
        booking = new_booking(slot, data, now, token)
        booking.occupancies = repository.occupancies_for(slot)
        session.add(booking)
        idempotency.remember(session, SCOPE_BOOKINGS, idempotency_key, data, booking, now)
        try:
            # The mails are stored with the booking (one commit) and sent by the worker.
            # Writing them flushes the booking first: a taken slot can fail there already.
            mails = queue_booking_mails(session, settings, booking, EVENT_BOOKED, token, now)
            session.commit()
        except IntegrityError:
            session.rollback()
            replay = idempotency.find_replay(
                session, settings, SCOPE_BOOKINGS, idempotency_key, data
            )
            if replay is not None:
                return replay
            # UNIQUE(staff_id, start_utc) fired: another booking won the race for this time.
            if repository.is_occupied(session, slot, now):
                logger.info("booking.create.slot_taken slot_id=%s", slot.id)
                raise SlotTakenError() from None
            logger.warning("booking.create.reference_collision")
            continue
        logger.info("booking.created booking_id=%s slot_id=%s", booking.id, slot.id)
        flag_possible_duplicates(session, settings, booking, now)
        wake_worker(session, settings, mails)
        return BookingResult(booking, token)
    raise RuntimeError("could not allocate a unique booking reference")
