"""Response building blocks shared by the domains."""

from datetime import datetime, timezone
from typing import Annotated

from pydantic import BaseModel, PlainSerializer

from appointments.staff.models import StaffMember


def _iso_utc(value: datetime) -> str:
    # "+00:00" rather than pydantic's "Z": Python 3.10 (bot env) fromisoformat rejects "Z".
    return value.astimezone(timezone.utc).isoformat()


UTCIso = Annotated[datetime, PlainSerializer(_iso_utc, return_type=str)]


class StaffRef(BaseModel):
    """A staff member as shown to families: id and name."""

    id: int
    name: str

    @classmethod
    def of(cls, member: StaffMember) -> "StaffRef":
        """Build from a staff model."""
        return cls(id=member.id, name=member.name)
