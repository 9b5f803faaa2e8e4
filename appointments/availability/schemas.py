"""Response schemas of the slots endpoint."""

from pydantic import BaseModel

from appointments.availability.joint_slot import JointSlot
from appointments.places import family_place
from appointments.schemas import StaffRef, UTCIso


class SlotPublic(BaseModel):
    """One joint slot as offered to a family."""

    id: str
    start: UTCIso
    end: UTCIso
    jugendamt: StaffRef
    jobcenter: StaffRef
    location: str
    location_kind: str

    @classmethod
    def of(cls, slot: JointSlot) -> "SlotPublic":
        """Build from a computed joint slot."""
        return cls(
            id=slot.id,
            start=slot.start_utc,
            end=slot.end_utc,
            jugendamt=StaffRef.of(slot.jugendamt),
            jobcenter=StaffRef.of(slot.jobcenter),
            location=family_place(slot.location),
            location_kind=slot.location_kind,
        )


class SlotList(BaseModel):
    """The slots response."""

    slots: list[SlotPublic]
