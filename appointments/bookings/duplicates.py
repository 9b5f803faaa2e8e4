"""One active booking per family, kept without telling anyone whether a booking exists.

The API used to refuse a second upcoming booking for the same phone number or e-mail,
which told anyone who typed a phone number whether that family had an appointment. Now
every booking is accepted alike; a match is flagged for staff and the earlier booking's
own e-mail address is told through the outbox, so the answer takes no longer.
"""

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from appointments.bookings import repository
from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.notify.service import queue_duplicate_notice
from appointments.outbox.dispatch import wake_worker
from appointments.places import pending_for

logger = logging.getLogger(__name__)


def _matching_ids(session: Session, booking: Booking, now: datetime) -> list[int]:
    stmt = select(Booking.id, Booking.contact_phone, Booking.contact_email).where(
        Booking.status == STATUS_CONFIRMED, Booking.end_utc > now, Booking.id != booking.id
    )
    phone = repository.normalise_phone(booking.contact_phone)
    email = (booking.contact_email or "").strip().lower() or None
    return [
        other_id
        for other_id, other_phone, other_email in session.execute(stmt)
        if (phone and repository.normalise_phone(other_phone) == phone)
        or (email and (other_email or "").strip().lower() == email)
    ]


def flag_possible_duplicates(
    session: Session, settings: Settings, booking: Booking, now: datetime
) -> None:
    """Flag the new booking and earlier ones with the same contact; mail the earlier ones.

    The booking is stored already: a failure here is logged and never fails the booking.
    """
    try:
        _flag(session, settings, booking, now)
    except SQLAlchemyError as exc:
        session.rollback()
        logger.error("booking.possible_duplicate.failed error_type=%s", type(exc).__name__)


def _flag(session: Session, settings: Settings, booking: Booking, now: datetime) -> None:
    others = _matching_ids(session, booking, now)
    if not others:
        return
    session.execute(
        update(Booking)
        .where(Booking.id.in_([booking.id, *others]))
        .values(possible_duplicate=True)
        .execution_options(synchronize_session=False)
    )
    # The notices are stored with the flags (one commit) and sent by the worker.
    notices = [
        notice
        for other in session.scalars(select(Booking).where(Booking.id.in_(others)))
        if (
            notice := queue_duplicate_notice(
                session, settings, other, pending_for(other, other.location), now
            )
        )
        is not None
    ]
    session.commit()
    session.expire(booking, ["possible_duplicate"])
    logger.info("booking.possible_duplicate booking_id=%s count=%s", booking.id, len(others))
    wake_worker(session, settings, notices)
