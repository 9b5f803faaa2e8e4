"""Request and response schemas for bookings."""

import re
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from appointments.bookings.models import Booking
from appointments.schemas import StaffRef, UTCIso

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()/\-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

Age = Annotated[int, Field(ge=0, le=17)]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


class ContactIn(BaseModel):
    """How staff can reach the family; phone or e-mail is required."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=100)]
    phone: str | None = None
    email: str | None = None

    @field_validator("phone", "email", mode="before")
    @classmethod
    def _empty_is_missing(cls, value: object) -> object:
        return _blank_to_none(value)

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        digits = sum(char.isdigit() for char in value)
        if len(value) > 40 or not _PHONE_CHARS.match(value) or not 6 <= digits <= 20:
            raise PydanticCustomError("phone_invalid", "invalid phone number")
        return value

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if len(value) > 254 or not _EMAIL.match(value) or ".." in value:
            raise PydanticCustomError("email_invalid", "invalid e-mail address")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> "ContactIn":
        if self.phone is None and self.email is None:
            raise PydanticCustomError("contact_missing", "phone or e-mail required")
        return self


class ConsentIn(BaseModel):
    """The family's consent as recorded by the chat."""

    text_version: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)
    ]
    given_at: AwareDatetime
    channel: Literal["chat"]


class BookingCreate(BaseModel):
    """A booking request from the chat."""

    slot_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    children_ages: Annotated[list[Age], Field(min_length=1, max_length=10)]
    topics: Annotated[list[Topic], Field(max_length=20)] = []
    contact: ContactIn
    consent: ConsentIn


class BookingPublic(BaseModel):
    """The booking confirmation returned to the chat."""

    reference: str
    status: str
    start: UTCIso
    end: UTCIso
    jugendamt: StaffRef
    jobcenter: StaffRef
    location: str

    @classmethod
    def of(cls, booking: Booking) -> "BookingPublic":
        """Build from a booking model (staff relationships loaded)."""
        return cls(
            reference=booking.reference,
            status=booking.status,
            start=booking.start_utc,
            end=booking.end_utc,
            jugendamt=StaffRef.of(booking.jugendamt_staff),
            jobcenter=StaffRef.of(booking.jobcenter_staff),
            location=booking.location,
        )
