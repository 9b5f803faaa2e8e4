"""Which bookings a staff account may see, and staff confirmations of participation."""

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.bookings import repository
from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.staff import repository as staff_repository
from appointments.staff.booking_status import list_filtered
from appointments.staff.errors import NotVisibleError
from appointments.staff.models import StaffAccount, StaffConfirmation

logger = logging.getLogger(__name__)


def visible_staff_id(account: StaffAccount, wanted: int | None = None) -> int | None:
    """Return whose bookings to list: admins choose (None = all), staff see only their own.

    Every booking is joint, so "the agency's bookings" would be all bookings; staff see the
    consultations they take part in (need to know), admins see everything.
    """
    if account.is_admin:
        return wanted
    # A staff login without a staff member sees nothing rather than everything.
    return account.staff_id if account.staff_id is not None else -1


def bookings_between(
    session: Session,
    settings: Settings,
    account: StaffAccount,
    first: date,
    last: date,
    wanted: int | None,
) -> list[Booking]:
    """Return the bookings the account may see on local days first..last (inclusive)."""
    staff_id = visible_staff_id(account, wanted)
    return list_filtered(session, settings, None, staff_id, first, last, None)


def get_visible_booking(session: Session, account: StaffAccount, reference: str) -> Booking:
    """Return a booking the account may see, or raise (unknown and foreign look the same)."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper()[:20])
    if booking is None:
        raise NotVisibleError()
    involved = account.staff_id in {booking.jugendamt_staff_id, booking.jobcenter_staff_id}
    if not (account.is_admin or involved):
        raise NotVisibleError()
    return booking


def confirmed_staff(session: Session, booking_ids: list[int]) -> dict[int, set[int]]:
    """Return, per booking id, the staff ids who confirmed their participation."""
    found: dict[int, set[int]] = {booking_id: set() for booking_id in booking_ids}
    if not booking_ids:
        return found
    for row in staff_repository.confirmations_for(session, booking_ids):
        found[row.booking_id].add(row.staff_id)
    return found


def confirm_participation(
    session: Session, account: StaffAccount, booking: Booking, now: datetime
) -> bool:
    """Record that the account's staff member takes part; False if not one of the two."""
    staff_id = account.staff_id
    if staff_id is None or staff_id not in {booking.jugendamt_staff_id, booking.jobcenter_staff_id}:
        return False
    session.add(StaffConfirmation(booking_id=booking.id, staff_id=staff_id, confirmed_at=now))
    try:
        session.commit()
    except IntegrityError:  # confirmed twice (two tabs): the first one counts
        session.rollback()
    logger.info("workspace.booking.confirmed booking_id=%s staff_id=%s", booking.id, staff_id)
    return True


def location_kinds(session: Session) -> dict[str, str]:
    """Map location display names (as copied into bookings) to their kind."""
    return staff_repository.location_kinds(session)


def is_open(booking: Booking) -> bool:
    """Tell whether staff can still act on the booking."""
    return booking.status == STATUS_CONFIRMED


def week_start(day: date) -> date:
    """Return the Monday of the day's week."""
    return day - timedelta(days=day.weekday())
