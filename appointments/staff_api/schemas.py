"""Response schemas of the staff endpoint (full booking details incl. contact data)."""

from datetime import time
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

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
    # The language of the text shown (a translation of the German text version).
    text_language: str = "de"


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
    language: str | None = None
    # ISO 639-1 code of the language the family chatted in ("de" when German).
    conversation_language: str = "de"
    interpreter_needed: bool = False
    accessibility_needed: bool = False
    note: str | None = None
    # Another upcoming booking has the same phone number or e-mail (never told to families).
    possible_duplicate: bool = False

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
                text_language=booking.consent_text_language or "de",
            ),
            created_at=booking.created_at,
            language=booking.language,
            conversation_language=booking.conversation_language or "de",
            interpreter_needed=booking.interpreter_needed,
            accessibility_needed=booking.accessibility_needed,
            note=booking.note,
            possible_duplicate=booking.possible_duplicate,
        )


class BookingStaffList(BaseModel):
    """The staff bookings response."""

    bookings: list[BookingStaffView]


class StatusChange(BaseModel):
    """A status change by staff, always with a reason."""

    status: Literal["attended", "no_show", "cancelled"]
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=500)]


class WindowIn(BaseModel):
    """A weekly window in local time (weekday 0 = Monday)."""

    weekday: Annotated[int, Field(ge=0, le=6)]
    start: time
    end: time

    @model_validator(mode="after")
    def _ordered(self) -> "WindowIn":
        if self.start >= self.end:
            raise PydanticCustomError("window_order", "window must end after it starts")
        return self


class WindowOut(BaseModel):
    """A stored weekly window."""

    id: int
    weekday: int
    start: time
    end: time


class AbsenceIn(BaseModel):
    """An absence period (ISO 8601 with time zone)."""

    start: AwareDatetime
    end: AwareDatetime
    note: Annotated[str | None, StringConstraints(strip_whitespace=True, max_length=200)] = None

    @model_validator(mode="after")
    def _ordered(self) -> "AbsenceIn":
        if self.start >= self.end:
            raise PydanticCustomError("period_order", "period must end after it starts")
        return self


class AbsenceOut(BaseModel):
    """A stored absence."""

    id: int
    staff_id: int
    start: UTCIso
    end: UTCIso
    note: str | None


class AbsenceCreated(AbsenceOut):
    """A new absence and the confirmed bookings that fall into it (to be rescheduled)."""

    conflicting_bookings: list[str]


class StaffAdminView(BaseModel):
    """A staff member with windows and absences, for admins."""

    id: int
    key: str
    name: str
    agency: str
    active: bool
    email: str | None
    windows: list[WindowOut]
    absences: list[AbsenceOut]


class FeedTokenOut(BaseModel):
    """The personal calendar feed URL; the token in it is shown only once."""

    feed_url: str


class ForgetOut(BaseModel):
    """Result of erasing one family's personal data."""

    reference: str
    anonymised_at: UTCIso
