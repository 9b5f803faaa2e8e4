"""Request and response schemas for callback requests."""

from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    field_validator,
)

from appointments.bookings.schemas import (
    Age,
    LanguageCode,
    PersonName,
    Topic,
    known_topics,
    single_line,
    validated_phone,
)
from appointments.callbacks.models import CallbackRequest
from appointments.schemas import UTCIso


class CallbackCreate(BaseModel):
    """What the chat sends when a family wants to be called back."""

    name: PersonName
    phone: str
    preferred_time: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, max_length=200),
            BeforeValidator(single_line),
        ]
        | None
    ) = None
    children_ages: Annotated[list[Age], Field(max_length=10)] = []
    topics: Annotated[list[Topic], Field(max_length=20), AfterValidator(known_topics)] = []
    consent_version: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)
    ]
    consent_given_at: AwareDatetime
    # The language the family read the consent in (the German text is binding beside it).
    consent_language: LanguageCode = "de"

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str) -> str:
        return validated_phone(value)

    @field_validator("preferred_time")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


class CallbackCreated(BaseModel):
    """The confirmation for the family: the reference to quote on the phone."""

    reference: str
    created_at: UTCIso


class CallbackStaffView(BaseModel):
    """A callback request as staff see it."""

    reference: str
    status: str
    name: str
    phone: str | None
    preferred_time: str | None
    children_ages: list[int]
    topics: list[str]
    consent_version: str
    consent_given_at: UTCIso
    consent_language: str
    created_at: UTCIso
    done_at: UTCIso | None
    done_by: str | None

    @classmethod
    def of(cls, callback: CallbackRequest) -> "CallbackStaffView":
        """Build from a model (done_by is the staff account's username)."""
        account = callback.done_by_account
        return cls(
            reference=callback.reference,
            status=callback.status,
            name=callback.contact_name,
            phone=callback.contact_phone,
            preferred_time=callback.preferred_time,
            children_ages=callback.children_ages,
            topics=callback.topics,
            consent_version=callback.consent_text_version,
            consent_given_at=callback.consent_given_at,
            consent_language=callback.consent_text_language or "de",
            created_at=callback.created_at,
            done_at=callback.done_at,
            done_by=account.username if account else None,
        )


class CallbackStaffList(BaseModel):
    """Callback requests, oldest first."""

    callbacks: list[CallbackStaffView]
