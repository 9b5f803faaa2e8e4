"""Import every model so that `Base.metadata` is complete (Alembic, tests, create_all)."""

from appointments.availability.models import Location
from appointments.bookings.models import Booking, Occupancy
from appointments.db import Base
from appointments.staff.models import Agency, AvailabilityWindow, StaffAccount, StaffMember

__all__ = [
    "Agency",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "Location",
    "Occupancy",
    "StaffAccount",
    "StaffMember",
]
