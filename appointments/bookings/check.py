"""Family access by booking reference + a check (last 4 phone digits or the booked e-mail).

The check is much weaker than the manage token (10^4 possibilities for the digits), so
failed checks are counted per booking in the database: after `MAX_CHECK_FAILURES` failures
checks for that booking are locked for `CHECK_LOCK`, also for the right answer.
"""

import hmac
import logging
import math
import re
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from appointments.bookings import repository
from appointments.bookings.models import Booking
from appointments.errors import AppointmentsError

logger = logging.getLogger(__name__)

MAX_CHECK_FAILURES = 5
CHECK_LOCK = timedelta(minutes=60)
PHONE_CHECK_DIGITS = 4


class CheckNotFoundError(AppointmentsError):
    """Unknown reference or wrong check (deliberately the same answer)."""

    def __init__(self) -> None:
        super().__init__(
            "Wir haben keine Buchung zu diesen Angaben gefunden. Bitte prüfen Sie die "
            "Buchungsnummer und die letzten vier Ziffern Ihrer Telefonnummer oder Ihre "
            "E-Mail-Adresse.",
            404,
            "booking_not_found",
        )


class TooManyAttemptsError(AppointmentsError):
    """Checks for this booking are locked after too many failures."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            "Zu viele Versuche. Bitte versuchen Sie es in einer Stunde noch einmal "
            "oder rufen Sie uns an.",
            429,
            "too_many_attempts",
            headers={"Retry-After": str(retry_after_seconds)},
        )


def _same(given: str, expected: str) -> bool:
    # Constant time so response times do not reveal how much of the answer was right.
    return hmac.compare_digest(given.encode(), expected.encode())


def check_matches(booking: Booking, check: str) -> bool:
    """Tell whether the check fits what was booked: last 4 phone digits or the e-mail."""
    given = check.strip()
    if "@" in given:
        email = (booking.contact_email or "").strip().lower()
        return bool(email) and _same(given.lower(), email)
    digits = re.sub(r"\D", "", given)
    phone = repository.normalise_phone(booking.contact_phone) or ""
    if len(digits) != PHONE_CHECK_DIGITS or len(phone) < PHONE_CHECK_DIGITS:
        return False
    return _same(digits, phone[-PHONE_CHECK_DIGITS:])


def _locked_for(booking: Booking, now: datetime) -> int | None:
    """Seconds the lock still lasts, or None if checks are allowed."""
    if booking.check_locked_until is None or booking.check_locked_until <= now:
        return None
    return max(1, math.ceil((booking.check_locked_until - now).total_seconds()))


def _record_failure(session: Session, booking: Booking, now: datetime) -> None:
    """Count a failure atomically (parallel guesses all count) and lock at the limit."""
    expired_lock = booking.check_locked_until is not None and booking.check_locked_until <= now
    # After a lock has run out the family starts with a fresh budget of attempts.
    failures = 1 if expired_lock else Booking.check_failures + 1
    values: dict[str, object] = {"check_failures": failures}
    if expired_lock:
        values["check_locked_until"] = None
    session.execute(update(Booking).where(Booking.id == booking.id).values(**values))
    session.execute(
        update(Booking)
        .where(
            Booking.id == booking.id,
            Booking.check_failures >= MAX_CHECK_FAILURES,
            Booking.check_locked_until.is_(None),
        )
        .values(check_locked_until=now + CHECK_LOCK)
    )
    session.commit()
    logger.info("booking.check.failed booking_id=%s", booking.id)


def get_by_reference_and_check(
    session: Session, reference: str, check: str, now: datetime
) -> Booking:
    """Return the booking if the check fits; 404 for unknown/wrong, 429 while locked."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper())
    if booking is None:
        logger.info("booking.check.not_found")
        raise CheckNotFoundError()
    locked_for = _locked_for(booking, now)
    if locked_for is not None:
        logger.info("booking.check.locked booking_id=%s", booking.id)
        raise TooManyAttemptsError(locked_for)
    if not check_matches(booking, check):
        _record_failure(session, booking, now)
        raise CheckNotFoundError()
    if booking.check_failures or booking.check_locked_until is not None:
        booking.check_failures = 0
        booking.check_locked_until = None
        session.commit()
    return booking
