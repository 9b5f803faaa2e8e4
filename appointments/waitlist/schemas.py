"""Request and response bodies of the waitlist API (the chat's action server calls it)."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, field_validator

from appointments.bookings.schemas import (
    Age,
    ConsentIn,
    ContactIn,
    LanguageCode,
    Topic,
    known_topics,
)


class WaitlistCreate(BaseModel):
    """A family asks to wait for a joint slot; the waitlist consent is its own record."""

    children_ages: Annotated[list[Age], Field(min_length=1, max_length=10)]
    topics: Annotated[list[Topic], Field(max_length=20)] = []
    contact: ContactIn
    consent: ConsentIn
    preferred_weekdays: Annotated[list[Annotated[int, Field(ge=0, le=4)]], Field(max_length=5)] = []
    preferred_times: Annotated[list[Literal["morning", "afternoon"]], Field(max_length=2)] = []
    # The language an interpreter is needed for (German name, as for a booking).
    language: Annotated[str, Field(max_length=50)] | None = None
    # The language the family chatted in (ISO 639-1): offer mails and the booking use it.
    conversation_language: LanguageCode = "de"

    @field_validator("topics")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        return known_topics(value)

    @field_validator("contact")
    @classmethod
    def _email_needed(cls, value: ContactIn) -> ContactIn:
        # Offers are sent by e-mail: without an address nobody could be told.
        if value.email is None:
            raise ValueError("an e-mail address is needed for the waitlist")
        return value


class WaitlistPublic(BaseModel):
    """What the chat tells the family after joining."""

    reference: str
    status: str
    expires_at: datetime
