"""Staff workspace: filtered booking lists, status changes with reason, CSV export."""

import csv
import io
import logging
from datetime import date, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from appointments.availability.calendar import local_midnight
from appointments.bookings import manage, repository
from appointments.bookings.exceptions import BookingNotFoundError, StatusChangeNotAllowedError
from appointments.bookings.models import STATUS_CANCELLED, STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.errors import AppointmentsError
from appointments.notify.formatting import long_datetime
from appointments.staff.models import ROLE_ADMIN, StaffAccount
from appointments.topic_codes import TOPIC_CODES

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
    involved = account.staff_id in {
        getattr(booking, "jugendamt_staff_id", None),
        getattr(booking, "jobcenter_staff_id", None),
    }
    # Like the workspace: staff change only their own consultations; foreign looks unknown.
    if booking is None or not (account.role == ROLE_ADMIN or involved):
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
    # Conditional update: a cancel or another status change at the same moment wins or loses
    # as a whole, never half.
    changed = session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == STATUS_CONFIRMED)
        .values(
            status=status, status_reason=reason, status_changed_at=now, status_changed_by=account.id
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
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


def to_csv(bookings: list[Booking], settings: Settings) -> str:
    """Return a CSV (semicolon, UTF-8 with BOM for spreadsheet programs) of the bookings."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    zone = settings.zone
    for booking in bookings:
        cells = [
            booking.reference,
            STATUS_LABELS.get(booking.status, booking.status),
            long_datetime(booking.start_utc, zone),
            long_datetime(booking.end_utc, zone),
            booking.jugendamt_staff.name,
            booking.jobcenter_staff.name,
            booking.location,
            ", ".join(str(age) for age in booking.children_ages),
            # Only known codes: older rows may hold free text from before the validation.
            ", ".join(topic for topic in booking.topics if topic in TOPIC_CODES),
            booking.contact_name,
            booking.contact_phone or "",
            booking.contact_email or "",
            booking.status_reason or "",
            booking.language or "",
            "ja" if booking.interpreter_needed else "nein",
            "ja" if booking.accessibility_needed else "nein",
            booking.note or "",
        ]
        # Every cell, not only the family's: staff names and places are typed in too.
        writer.writerow([_safe(cell) for cell in cells])
    return buffer.getvalue()


# A cell starting with one of these is read as a formula (or a hidden one) by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _safe(value: str) -> str:
    # CSV injection: a leading apostrophe makes spreadsheet programs show the text as text.
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def feed_bookings(session: Session, staff_id: int) -> list[Booking]:
    """Return a staff member's confirmed and cancelled bookings for the calendar feed."""
    return [
        booking
        for booking in repository.list_bookings(session, staff_id=staff_id)
        if booking.status in {STATUS_CONFIRMED, STATUS_CANCELLED}
    ]
