"""Staff workspace: filtered booking lists, status changes with reason, CSV export."""

import csv
import io
import logging
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from appointments.availability.calendar import local_midnight
from appointments.bookings import manage, repository
from appointments.bookings.exceptions import BookingNotFoundError, StatusChangeNotAllowedError
from appointments.bookings.models import STATUS_CANCELLED, STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.notify.formatting import long_datetime
from appointments.staff.models import StaffAccount

logger = logging.getLogger(__name__)

STATUS_LABELS = {
    "confirmed": "bestätigt",
    "cancelled": "abgesagt",
    "attended": "wahrgenommen",
    "no_show": "nicht erschienen",
}
CSV_HEADER = [
    "Buchungsnummer",
    "Status",
    "Beginn",
    "Ende",
    "Jugendamt",
    "Jobcenter",
    "Ort",
    "Alter der Kinder",
    "Themen",
    "Name",
    "Telefon",
    "E-Mail",
    "Statusgrund",
    "Sprache",
    "Dolmetschung benötigt",
    "Barrierefreiheit benötigt",
    "Hinweis",
]


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
    if booking is None:
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
    booking.status = status
    booking.status_reason = reason
    booking.status_changed_at = now
    booking.status_changed_by = account.id
    session.commit()
    logger.info(
        "staff.booking.status_changed booking_id=%s status=%s account_id=%s",
        booking.id,
        status,
        account.id,
    )
    return booking


def to_csv(bookings: list[Booking], settings: Settings) -> str:
    """Return a CSV (semicolon, UTF-8 with BOM for spreadsheet programs) of the bookings."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    zone = settings.zone
    for booking in bookings:
        writer.writerow(
            [
                booking.reference,
                STATUS_LABELS.get(booking.status, booking.status),
                long_datetime(booking.start_utc, zone),
                long_datetime(booking.end_utc, zone),
                booking.jugendamt_staff.name,
                booking.jobcenter_staff.name,
                booking.location,
                ", ".join(str(age) for age in booking.children_ages),
                ", ".join(booking.topics),
                _safe(booking.contact_name),
                _safe(booking.contact_phone or ""),
                _safe(booking.contact_email or ""),
                _safe(booking.status_reason or ""),
                _safe(booking.language or ""),
                "ja" if booking.interpreter_needed else "nein",
                "ja" if booking.accessibility_needed else "nein",
                _safe(booking.note or ""),
            ]
        )
    return buffer.getvalue()


def _safe(value: str) -> str:
    # CSV injection: a cell starting with = + - @ would be a formula in spreadsheet programs.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@"} else value


def feed_bookings(session: Session, staff_id: int) -> list[Booking]:
    """Return a staff member's confirmed and cancelled bookings for the calendar feed."""
    return [
        booking
        for booking in repository.list_bookings(session, staff_id=staff_id)
        if booking.status in {STATUS_CONFIRMED, STATUS_CANCELLED}
    ]
