"""Request and response schemas for bookings."""

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from appointments.bookings.models import Booking, Hold
from appointments.i18n import family_texts
from appointments.languages import family_language
from appointments.places import family_address_note, family_place, pending_for
from appointments.schemas import StaffRef, UTCIso
from appointments.topic_codes import TOPIC_CODES

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()/\-]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

Age = Annotated[int, Field(ge=0, le=17)]


def known_topics(values: list[str]) -> list[str]:
    """Keep only known topic codes, in order, once each.

    Dropped rather than refused: the chat's situation slot may hold a word the language
    model did not map to a code, and that must not cost a family its booking at the last
    step. Free text never reaches staff lists or the CSV export this way.
    """
    return list(dict.fromkeys(value for value in values if value in TOPIC_CODES))


def single_line(value: object) -> object:
    # Checked on the raw value: a line break (or any control character) in a name could
    # forge e-mail headers, CSV rows or log lines, so it is refused before anything is stored.
    if isinstance(value, str) and any(
        unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value
    ):
        raise PydanticCustomError("line_break", "line breaks are not allowed")
    return value


Topic = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
PersonName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=2, max_length=100),
    BeforeValidator(single_line),
]


def _blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def validated_phone(value: str) -> str:
    """Return the stripped phone number or raise `phone_invalid` (shared with callbacks)."""
    value = value.strip()
    digits = sum(char.isdigit() for char in value)
    if len(value) > 40 or not _PHONE_CHARS.match(value) or not 6 <= digits <= 20:
        raise PydanticCustomError("phone_invalid", "invalid phone number")
    return value


class ContactIn(BaseModel):
    """How staff can reach the family; phone or e-mail is required."""

    name: PersonName
    phone: str | None = None
    email: str | None = None

    @field_validator("phone", "email", mode="before")
    @classmethod
    def _empty_is_missing(cls, value: object) -> object:
        return _blank_to_none(value)

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str | None) -> str | None:
        return None if value is None else validated_phone(value)

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


# ISO 639-1 code of a language the family read (older clients send none: German).
LanguageCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z]{2}$")]


class ConsentIn(BaseModel):
    """The family's consent as recorded by the chat."""

    text_version: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)
    ]
    given_at: AwareDatetime
    channel: Literal["chat"]
    # The language of the consent text shown; its version names the German text.
    text_language: LanguageCode = "de"


SlotIdIn = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class SlotChoice(BaseModel):
    """A chosen slot (hold request, reschedule request)."""

    slot_id: SlotIdIn


class BookingDetails(BaseModel):
    """What the family tells us: children, topics, contact and consent."""

    children_ages: Annotated[list[Age], Field(min_length=1, max_length=10)]
    topics: Annotated[list[Topic], Field(max_length=20), AfterValidator(known_topics)] = []
    contact: ContactIn
    consent: ConsentIn
    # Optional details (older clients send none of them).
    language: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, max_length=50),
            BeforeValidator(single_line),
        ]
        | None
    ) = None
    interpreter_needed: bool = False
    accessibility_needed: bool = False
    # The language the family chatted in: mails and family pages use it.
    conversation_language: LanguageCode = "de"
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = None

    @field_validator("language", "note", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return _blank_to_none(value)

    @field_validator("language", "note")
    @classmethod
    def _stripped_or_none(cls, value: str | None) -> str | None:
        return value or None


class BookingCreate(BookingDetails, SlotChoice):
    """A booking request from the chat (slot plus details)."""


class BookingPublic(BaseModel):
    """The booking confirmation returned to the chat."""

    reference: str
    status: str
    start: UTCIso
    end: UTCIso
    jugendamt: StaffRef
    jobcenter: StaffRef
    # What a family may read of the place (no unconfirmed detail), and, while the exact
    # address is not confirmed, how the family will get it.
    location: str
    location_note: str | None = None

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
            location=family_place(booking.location),
            location_note=_address_note(booking),
        )


def _address_note(booking: Booking) -> str | None:
    """How the family gets the exact address (in its language), while it is not confirmed."""
    if not pending_for(booking, booking.location):
        return None
    with family_texts(family_language(booking.conversation_language)):
        return family_address_note()


class BookingCreated(BookingPublic):
    """The confirmation after booking: includes the secret manage token, shown only here."""

    manage_token: str
    manage_url: str

    @classmethod
    def with_token(cls, booking: Booking, token: str, manage_url: str) -> "BookingCreated":
        """Build from a booking, its (plain) manage token and the family's manage link."""
        public = BookingPublic.of(booking)
        return cls(**dict(public), manage_token=token, manage_url=manage_url)


class ContactPublic(BaseModel):
    """The family's own contact data, shown back to them."""

    name: str
    phone: str | None
    email: str | None


class BookingFamilyView(BookingPublic):
    """A booking as the family sees it with its manage token."""

    children_ages: list[int]
    topics: list[str]
    contact: ContactPublic

    @classmethod
    def of_booking(cls, booking: Booking) -> "BookingFamilyView":
        """Build from a booking model."""
        return cls(
            **dict(BookingPublic.of(booking)),
            children_ages=booking.children_ages,
            topics=booking.topics,
            contact=ContactPublic(
                name=booking.contact_name, phone=booking.contact_phone, email=booking.contact_email
            ),
        )


class HoldPublic(BaseModel):
    """A reserved slot; confirm it before `expires_at`."""

    id: str
    slot_id: str
    start: UTCIso
    end: UTCIso
    jugendamt: StaffRef
    jobcenter: StaffRef
    location: str
    expires_at: UTCIso

    @classmethod
    def of(cls, hold: Hold) -> "HoldPublic":
        """Build from a hold model."""
        return cls(
            id=hold.id,
            slot_id=hold.slot_id,
            start=hold.start_utc,
            end=hold.end_utc,
            jugendamt=StaffRef.of(hold.jugendamt_staff),
            jobcenter=StaffRef.of(hold.jobcenter_staff),
            location=family_place(hold.location),
            expires_at=hold.expires_at,
        )


CheckText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]


class CheckIn(BaseModel):
    """The family's check: last 4 digits of the booked phone number or the booked e-mail."""

    check: CheckText


class CheckReschedule(CheckIn, SlotChoice):
    """Check plus the new slot."""
