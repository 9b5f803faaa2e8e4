"""Calendar files: one event per booking with a stable UID, both staff and the location.

Calendar files are synced to many devices, so they carry the booking reference but no
personal data of the family.
"""

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event, vCalAddress, vText

from appointments.bookings.models import STATUS_CANCELLED, Booking
from appointments.places import family_address_note, family_place, pending_for
from appointments.staff.models import StaffMember

PRODID = "-//Familienlotse//Termindienst//DE"
SUMMARY = "Gemeinsame Beratung Jugendamt und Jobcenter"


def event_uid(booking: Booking) -> str:
    """Return the UID that stays the same for the booking's whole life (reschedules too)."""
    return f"{booking.reference}@familienlotse"


def _attendee(member: StaffMember) -> vCalAddress:
    address = vCalAddress(f"mailto:{member.email}" if member.email else "mailto:unbekannt.invalid")
    address.params["cn"] = vText(member.name)
    address.params["role"] = vText("REQ-PARTICIPANT")
    return address


def booking_event(booking: Booking, now: datetime) -> Event:
    """Build the VEVENT of one booking."""
    event = Event()
    event.add("uid", event_uid(booking))
    event.add("sequence", booking.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", booking.start_utc)
    event.add("dtend", booking.end_utc)
    event.add("summary", SUMMARY)
    # The calendar file goes to the family too: no unconfirmed detail of the place.
    event.add("location", family_place(booking.location))
    description = f"Buchungsnummer: {booking.reference}"
    if pending_for(booking, booking.location):
        description += f"\n{family_address_note()}"
    event.add("description", description)
    event.add("status", "CANCELLED" if booking.status == STATUS_CANCELLED else "CONFIRMED")
    for member in (booking.jugendamt_staff, booking.jobcenter_staff):
        event.add("attendee", _attendee(member), encode=False)
    return event


def calendar_of(bookings: Iterable[Booking], now: datetime, method: str | None = None) -> bytes:
    """Return an iCalendar file (METHOD REQUEST/CANCEL for mails, none for feeds)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for booking in bookings:
        calendar.add_component(booking_event(booking, now))
    ical: bytes = calendar.to_ical()
    return ical
