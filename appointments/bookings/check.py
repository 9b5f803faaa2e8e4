"""Family access by booking reference + a check (last 4 phone digits or the booked e-mail).

The check is much weaker than the manage token (10^4 possibilities for the digits), so
failed checks are counted per booking in the database: every `MAX_CHECK_FAILURES` failures
lock checks for that booking, also for the right answer, for `CHECK_LOCK` the first time and
twice as long each further time. Only a right check resets the count.
"""

import hmac
import logging
import math
import re
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from appointments.bookings import repository
from appointments.bookings.models import Booking
from appointments.errors import AppointmentsError

logger = logging.getLogger(__name__)

MAX_CHECK_FAILURES = 5
CHECK_LOCK = timedelta(minutes=60)
MAX_LOCK = timedelta(days=7)
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


def lock_length(failures: int) -> timedelta:
    """An hour after the first five failures, doubling with every further five, at most a week.

    Without the doubling, five guesses an hour would find four digits within weeks.
    """
    locks = failures // MAX_CHECK_FAILURES
    return min(CHECK_LOCK * 2 ** max(locks - 1, 0), MAX_LOCK)


def _record_failure(session: Session, booking: Booking, now: datetime) -> None:
    """Count a failure atomically (parallel guesses all count) and lock at every fifth."""
    values: dict[str, object] = {"check_failures": Booking.check_failures + 1}
    if booking.check_locked_until is not None and booking.check_locked_until <= now:
        values["check_locked_until"] = None
    session.execute(update(Booking).where(Booking.id == booking.id).values(**values))
    # The row is locked by this transaction now, so this is our own count.
    failures = session.scalar(select(Booking.check_failures).where(Booking.id == booking.id))
    if failures and failures % MAX_CHECK_FAILURES == 0:
        session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.check_locked_until.is_(None))
            .values(check_locked_until=now + lock_length(failures))
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
