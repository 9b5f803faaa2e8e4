"""Workspace queries: what a user may see, staff confirmations, booking rows for pages."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from appointments.availability.models import KIND_IN_PERSON, Location
from appointments.bookings import repository
from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.config import Settings
from appointments.languages import german_name, needs_interpreter_hint
from appointments.notify.i18n import N_, _
from appointments.staff.workspace import list_filtered
from appointments.workspace import pages
from appointments.workspace.deps import PageNotFoundError, User
from appointments.workspace.models import StaffConfirmation

logger = logging.getLogger(__name__)

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


def visible_staff_id(user: User, wanted: int | None = None) -> int | None:
    """Return whose bookings to list: admins choose (None = all), staff see only their own.

    Every booking is joint, so "the agency's bookings" would be all bookings; staff see the
    consultations they take part in (need to know), admins see everything.
    """
    if user.is_admin:
        return wanted
    # A staff login without a staff member sees nothing rather than everything.
    return user.staff_id if user.staff_id is not None else -1


def bookings_between(
    session: Session, settings: Settings, user: User, first: date, last: date, wanted: int | None
) -> list[Booking]:
    """Return the bookings the user may see on local days first..last (inclusive)."""
    staff_id = visible_staff_id(user, wanted)
    return list_filtered(session, settings, None, staff_id, first, last, None)


def get_visible_booking(session: Session, user: User, reference: str) -> Booking:
    """Return a booking the user may see, or raise (unknown and foreign look the same)."""
    booking = repository.get_booking_by_reference(session, reference.strip().upper()[:20])
    if booking is None:
        raise PageNotFoundError()
    involved = user.staff_id in {booking.jugendamt_staff_id, booking.jobcenter_staff_id}
    if not (user.is_admin or involved):
        raise PageNotFoundError()
    return booking


def confirmed_staff(session: Session, booking_ids: list[int]) -> dict[int, set[int]]:
    """Return, per booking id, the staff ids who confirmed their participation."""
    found: dict[int, set[int]] = {booking_id: set() for booking_id in booking_ids}
    if not booking_ids:
        return found
    stmt = select(StaffConfirmation).where(StaffConfirmation.booking_id.in_(booking_ids))
    for row in session.scalars(stmt):
        found[row.booking_id].add(row.staff_id)
    return found


def confirm_participation(session: Session, user: User, booking: Booking, now: datetime) -> bool:
    """Record that the user's staff member takes part; False if they are not one of the two."""
    if user.staff_id not in {booking.jugendamt_staff_id, booking.jobcenter_staff_id}:
        return False
    session.add(StaffConfirmation(booking_id=booking.id, staff_id=user.staff_id, confirmed_at=now))
    try:
        session.commit()
    except IntegrityError:  # confirmed twice (two tabs): the first one counts
        session.rollback()
    logger.info("workspace.booking.confirmed booking_id=%s staff_id=%s", booking.id, user.staff_id)
    return True


def location_kinds(session: Session) -> dict[str, str]:
    """Map location display names (as copied into bookings) to their kind."""
    return {loc.name: loc.kind for loc in session.scalars(select(Location))}


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
    kinds = location_kinds(session)
    confirmations = confirmed_staff(session, [b.id for b in bookings])
    grouped: dict[date, list[BookingRow]] = {}
    for booking in bookings:
        row = booking_row(booking, user, settings, kinds, confirmations[booking.id])
        grouped.setdefault(row.day, []).append(row)
    return sorted(grouped.items())


def is_open(booking: Booking) -> bool:
    """Tell whether staff can still act on the booking."""
    return booking.status == STATUS_CONFIRMED


def week_start(day: date) -> date:
    """Return the Monday of the day's week."""
    return day - timedelta(days=day.weekday())
