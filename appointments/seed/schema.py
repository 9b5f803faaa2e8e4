"""Schema of the seed YAML; validated before anything is written."""

from datetime import time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class WindowSpec(_Strict):
    """Weekly window: the same local hours on several weekdays."""

    days: Annotated[list[Weekday], Field(min_length=1)]
    start: time = Field(alias="from")
    end: time = Field(alias="to")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _quoted_time(cls, value: object) -> object:
        # An unquoted 14:00 arrives as the int 840 (YAML 1.1 base 60); refuse, don't guess.
        if not isinstance(value, str):
            raise ValueError('times must be quoted strings like "09:00"')
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "WindowSpec":
        if self.start >= self.end:
            raise ValueError("window must end after it starts")
        return self


class StaffSpec(_Strict):
    """A staff member with an optional login."""

    key: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=200)
    username: str | None = Field(default=None, min_length=3, max_length=100)
    # Role of the login: "admin" may also manage windows, absences and feed tokens.
    role: Literal["staff", "admin"] = "staff"
    # Booking notifications go here (optional; without it the person gets no e-mail).
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    active: bool = True
    windows: list[WindowSpec] = []


class AgencySpec(_Strict):
    """An agency and its staff."""

    code: Literal["jugendamt", "jobcenter"]
    name: str = Field(min_length=1, max_length=300)
    staff: list[StaffSpec] = []


class LocationSpec(_Strict):
    """A consultation place (in person) or channel (phone, video)."""

    code: str = Field(min_length=1, max_length=50)
    name: str = Field(min_length=1, max_length=300)
    kind: Literal["in_person", "phone", "video"] = "in_person"
    # None: not confirmed yet (never guess an address).
    address: str | None = Field(default=None, min_length=1, max_length=300)
    # None: unknown.
    step_free: bool | None = None


class SeedFile(_Strict):
    """The whole seed file."""

    demo_data: bool = False
    # `location` (one place, older seed files) or `locations` (several; first per kind wins).
    location: LocationSpec | None = None
    locations: list[LocationSpec] = []
    agencies: list[AgencySpec]
    # Logins with the role "maintainer" (review inbox only, no person, no bookings).
    maintainers: list[str] = []

    @property
    def all_locations(self) -> list[LocationSpec]:
        """Return every configured location, the single `location` first."""
        return ([self.location] if self.location else []) + list(self.locations)

    @model_validator(mode="after")
    def _unique_keys(self) -> "SeedFile":
        keys = [staff.key for agency in self.agencies for staff in agency.staff]
        users = [s.username for a in self.agencies for s in a.staff if s.username]
        if len(set(keys)) != len(keys) or len(set(users)) != len(users):
            raise ValueError("staff keys and usernames must be unique")
        codes = [location.code for location in self.all_locations]
        if not codes or len(set(codes)) != len(codes):
            raise ValueError("at least one location; location codes must be unique")
        return self
