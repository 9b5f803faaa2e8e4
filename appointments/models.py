"""Import every model so that `Base.metadata` is complete (Alembic, tests, create_all)."""

from appointments.availability.models import ClosedDay, Location
from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.callbacks.models import CallbackRequest
from appointments.db import Base
from appointments.review.models import AnswerRating, CrisisCount, ReviewItem, WeekCount
from appointments.staff.models import (
    Absence,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffMember,
)
from appointments.workspace.models import LoginThrottle, StaffConfirmation, WorkspaceSession

__all__ = [
    "Absence",
    "Agency",
    "AnswerRating",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "CallbackRequest",
    "ClosedDay",
    "CrisisCount",
    "Hold",
    "IdempotencyRecord",
    "Location",
    "LoginThrottle",
    "Occupancy",
    "ReviewItem",
    "StaffAccount",
    "StaffConfirmation",
    "StaffMember",
    "WeekCount",
    "WorkspaceSession",
]
