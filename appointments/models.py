"""Import every model so that `Base.metadata` is complete (Alembic, tests, create_all)."""

from appointments.availability.models import Location
from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.callbacks.models import CallbackRequest
from appointments.db import Base
from appointments.staff.models import (
    Absence,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffMember,
)

__all__ = [
    "Absence",
    "Agency",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "CallbackRequest",
    "Hold",
    "IdempotencyRecord",
    "Location",
    "Occupancy",
    "StaffAccount",
    "StaffMember",
]
