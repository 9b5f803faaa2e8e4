"""The value a slot search returns: a joint consultation that can be booked.

Its own module (not the service), so repositories and schemas can name it without importing
the service layer.
"""

from dataclasses import dataclass
from datetime import datetime

from appointments.availability.models import KIND_IN_PERSON
from appointments.availability.slot_id import format_slot_id
from appointments.staff.models import StaffMember


@dataclass(frozen=True)
class JointSlot:
    """A bookable joint consultation: one start time, one pair of staff, one place."""

    start_utc: datetime
    end_utc: datetime
    jugendamt: StaffMember
    jobcenter: StaffMember
    location: str
    location_kind: str = KIND_IN_PERSON

    @property
    def id(self) -> str:
        """Return the public slot id."""
        return format_slot_id(
            self.start_utc, self.jugendamt.id, self.jobcenter.id, self.location_kind
        )
