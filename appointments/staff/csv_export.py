"""CSV export of bookings for staff (semicolon, UTF-8 with BOM, safe against formulas)."""

import csv
import io

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.notify.formatting import long_datetime
from appointments.topic_codes import TOPIC_CODES

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
