"""Response schemas of the staff endpoint (full booking details incl. contact data)."""

from pydantic import BaseModel

from appointments.bookings.models import Booking
from appointments.schemas import StaffRef, UTCIso


class ContactOut(BaseModel):
    """How to reach the family."""

    name: str
    phone: str | None
    email: str | None


class ConsentOut(BaseModel):
    """The recorded consent."""

    text_version: str
    given_at: UTCIso
    channel: str


class BookingStaffView(BaseModel):
    """A booking as staff see it."""

    reference: str
    status: str
    start: UTCIso
    end: UTCIso
    jugendamt: StaffRef
    jobcenter: StaffRef
    location: str
    children_ages: list[int]
    topics: list[str]
    contact: ContactOut
    consent: ConsentOut
    created_at: UTCIso

    @classmethod
    def of(cls, booking: Booking) -> "BookingStaffView":
        """Build from a booking model."""
        return cls(
            reference=booking.reference,
            status=booking.status,
            start=booking.start_utc,
            end=booking.end_utc,
            jugendamt=StaffRef.of(booking.jugendamt_staff),
            jobcenter=StaffRef.of(booking.jobcenter_staff),
            location=booking.location,
            children_ages=booking.children_ages,
            topics=booking.topics,
            contact=ContactOut(
                name=booking.contact_name, phone=booking.contact_phone, email=booking.contact_email
            ),
            consent=ConsentOut(
                text_version=booking.consent_text_version,
                given_at=booking.consent_given_at,
                channel=booking.consent_channel,
            ),
            created_at=booking.created_at,
        )


class BookingStaffList(BaseModel):
    """The staff bookings response."""

    bookings: list[BookingStaffView]
