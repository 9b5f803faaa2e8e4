"""Bookings as staff list and change them: filters, status changes with reason, feeds."""

import logging
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from appointments.availability.calendar import local_midnight
from appointments.bookings import manage, repository
from appointments.bookings.exceptions import BookingNotFoundError, StatusChangeNotAllowedError
from appointments.bookings.models import STATUS_CANCELLED, STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.staff.models import StaffAccount

logger = logging.getLogger(__name__)


def list_filtered(
    session: Session,
    settings: Settings,
    agency: str | None,
    staff_id: int | None,
    first_day: date | None,
    last_day: date | None,
    status: str | None,
) -> list[Booking]:
    """Return bookings filtered by agency/staff, local day range (inclusive) and status."""
    zone = settings.zone
    start = local_midnight(first_day, zone) if first_day else None
    end = local_midnight(last_day + timedelta(days=1), zone) if last_day else None
    return repository.list_bookings(session, agency, start, end, status, staff_id)


def change_status(
    session: Session,
    settings: Settings,
    account: StaffAccount,
    reference: str,
    status: str,
    reason: str,
    now: datetime,
) -> Booking:
    """Set attended / no_show / cancelled on a confirmed booking, with reason and author."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper())
    involved = account.staff_id in {
        getattr(booking, "jugendamt_staff_id", None),
        getattr(booking, "jobcenter_staff_id", None),
    }
    # Like the workspace: staff change only their own consultations; foreign looks unknown.
    if booking is None or not (account.is_admin or involved):
        raise BookingNotFoundError()
    if booking.status != STATUS_CONFIRMED:
        raise StatusChangeNotAllowedError()
    if status == STATUS_CANCELLED:
        return manage.cancel_booking(session, settings, booking, now, reason, account.id)
    if booking.start_utc > now:
        raise AppointmentsError(
            "Ein Termin kann erst ab seinem Beginn als wahrgenommen oder nicht erschienen "
            "markiert werden.",
            409,
            "status_too_early",
        )
    if not repository.set_status_if_confirmed(session, booking.id, status, reason, now, account.id):
        session.rollback()
        raise StatusChangeNotAllowedError()
    session.commit()
    session.refresh(booking)
    logger.info(
        "staff.booking.status_changed booking_id=%s status=%s account_id=%s",
        booking.id,
        status,
        account.id,
    )
    return booking


def feed_bookings(session: Session, staff_id: int) -> list[Booking]:
    """Return a staff member's confirmed and cancelled bookings for the calendar feed."""
    return [
        booking
        for booking in repository.list_bookings(session, staff_id=staff_id)
        if booking.status in {STATUS_CONFIRMED, STATUS_CANCELLED}
    ]
