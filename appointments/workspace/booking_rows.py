"""Bookings as the overview and the detail page show them (German labels, local times)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from appointments.availability.models import KIND_IN_PERSON
from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.i18n import N_, _
from appointments.languages import german_name, needs_interpreter_hint
from appointments.staff import booking_access as access
from appointments.workspace import pages
from appointments.workspace.deps import User

STATUS_LABELS = {
    "confirmed": N_("Booked"),
    "cancelled": N_("Cancelled"),
    "attended": N_("Attended"),
    "no_show": N_("Did not come"),
}
KIND_LABELS = {
    "in_person": N_("In person"),
    "phone": N_("Phone"),
    "video": N_("Video"),
}


@dataclass(frozen=True)
class BookingRow:
    """One booking as the overview and the detail page show it."""

    reference: str
    day: date
    start: str
    end: str
    family: str
    jugendamt: str
    jobcenter: str
    partner: str
    location: str
    kind: str
    interpreter: bool
    accessibility: bool
    language: str
    # German name of the language the family chatted in; "" when it chatted in German.
    chat_language: str
    status: str
    status_code: str
    confirmed_by_me: bool
    confirmed_ja: bool
    confirmed_jc: bool


def booking_row(
    booking: Booking, user: User, settings: Settings, kinds: dict[str, str], confirmed: set[int]
) -> BookingRow:
    """Build the page view of one booking for this user."""
    zone = settings.zone
    # Admins see both names (the overview's column says "staff"), everyone else the partner.
    partner = ""
    if not user.is_admin and user.staff_id == booking.jugendamt_staff_id:
        partner = _("{name} (Jobcenter)").format(name=booking.jobcenter_staff.name)
    elif not user.is_admin and user.staff_id == booking.jobcenter_staff_id:
        partner = _("{name} (Jugendamt)").format(name=booking.jugendamt_staff.name)
    return BookingRow(
        reference=booking.reference,
        day=booking.start_utc.astimezone(zone).date(),
        start=pages.clock_time(booking.start_utc, zone),
        end=pages.clock_time(booking.end_utc, zone),
        family=booking.contact_name,
        jugendamt=booking.jugendamt_staff.name,
        jobcenter=booking.jobcenter_staff.name,
        partner=partner,
        location=booking.location,
        kind=_(KIND_LABELS[kinds.get(booking.location, KIND_IN_PERSON)]),
        interpreter=booking.interpreter_needed,
        accessibility=booking.accessibility_needed,
        language=booking.language or "",
        chat_language=(
            german_name(booking.conversation_language)
            if needs_interpreter_hint(booking.conversation_language)
            else ""
        ),
        status=_(STATUS_LABELS.get(booking.status, booking.status)),
        status_code=booking.status,
        confirmed_by_me=user.staff_id in confirmed,
        confirmed_ja=booking.jugendamt_staff_id in confirmed,
        confirmed_jc=booking.jobcenter_staff_id in confirmed,
    )


def rows_by_day(
    session: Session, settings: Settings, user: User, bookings: list[Booking]
) -> list[tuple[date, list[BookingRow]]]:
    """Group booking rows by local day, in order."""
    kinds = access.location_kinds(session)
    confirmations = access.confirmed_staff(session, [b.id for b in bookings])
    grouped: dict[date, list[BookingRow]] = {}
    for booking in bookings:
        row = booking_row(booking, user, settings, kinds, confirmations[booking.id])
        grouped.setdefault(row.day, []).append(row)
    return sorted(grouped.items())
