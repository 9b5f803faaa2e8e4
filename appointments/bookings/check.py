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

from sqlalchemy import or_, update
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
            "Zu viele Versuche. Bitte versuchen Sie es später noch einmal. Sie können den "
            "Termin auch über den Link in Ihrer Bestätigungs-E-Mail ändern oder uns anrufen.",
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


def _locked_for(booking: Booking, now: datetime) -> int:
    """Seconds the lock still lasts (at least 1)."""
    if booking.check_locked_until is None:
        return 1
    return max(1, math.ceil((booking.check_locked_until - now).total_seconds()))


def lock_length(failures: int) -> timedelta:
    """An hour after the first five failures, doubling with every further five, at most a week.

    Without the doubling, five guesses an hour would find four digits within weeks.
    """
    locks = failures // MAX_CHECK_FAILURES
    factor: int = 2 ** max(locks - 1, 0)
    return min(CHECK_LOCK * factor, MAX_LOCK)


def _claim_attempt(session: Session, booking: Booking, now: datetime) -> int | None:
    """Count this attempt before comparing, in one statement; None while checks are locked.

    The row stays locked by this transaction until it ends, so parallel guesses queue up and
    each sees the count (and the lock) of the ones before: they cannot exceed the limit.
    """
    unlocked = or_(Booking.check_locked_until.is_(None), Booking.check_locked_until <= now)
    failures = session.execute(
        update(Booking)
        .where(Booking.id == booking.id, unlocked)
        .values(check_failures=Booking.check_failures + 1, check_locked_until=None)
        .returning(Booking.check_failures)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if failures is not None and failures % MAX_CHECK_FAILURES == 0:
        session.execute(
            update(Booking)
            .where(Booking.id == booking.id)
            .values(check_locked_until=now + lock_length(failures))
            .execution_options(synchronize_session=False)
        )
    return failures


def get_by_reference_and_check(
    session: Session, reference: str, check: str, now: datetime
) -> Booking:
    """Return the booking if the check fits; 404 for unknown/wrong, 429 while locked."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper())
    if booking is None:
        logger.info("booking.check.not_found")
        raise CheckNotFoundError()
    if _claim_attempt(session, booking, now) is None:
        session.rollback()
        session.refresh(booking, ["check_locked_until"])
        logger.info("booking.check.locked booking_id=%s", booking.id)
        raise TooManyAttemptsError(_locked_for(booking, now))
    if not check_matches(booking, check):
        session.commit()
        logger.info("booking.check.failed booking_id=%s", booking.id)
        raise CheckNotFoundError()
    # A right check takes back its counted attempt and every failure before it.
    session.execute(
        update(Booking)
        .where(Booking.id == booking.id)
        .values(check_failures=0, check_locked_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.expire(booking, ["check_failures", "check_locked_until"])
    return booking
