"""Errors the actions turn into scripted German answers."""

from __future__ import annotations


class AppointmentsError(Exception):
    """The appointments API could not do what was asked."""

    def __init__(self, code: str, message: str, status: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.status = status


class AppointmentsUnavailable(AppointmentsError):
    """The API did not answer in time or answered with a server error."""


class SlotTaken(AppointmentsError):
    """Somebody else booked the slot first (HTTP 409)."""


class BookingRejected(AppointmentsError):
    """The API refused the booking for a reason the family can act on (HTTP 4xx)."""


class HoldLost(AppointmentsError):
    """The hold expired or is gone; the slot may still be free to book directly."""


class ActiveBookingExists(BookingRejected):
    """The family already has an upcoming joint booking (one per contact)."""


class BookingNotFound(BookingRejected):
    """Unknown booking reference or the check does not fit (the API does not tell which)."""


class TooManyAttempts(BookingRejected):
    """Too many wrong checks for this booking; checks are locked for an hour (HTTP 429)."""


class BookingNotChangeable(BookingRejected):
    """The booking is cancelled, over or closed by staff and cannot be changed (HTTP 409)."""
