"""Import every model so that `Base.metadata` is complete (Alembic, tests, create_all)."""

from appointments.availability.models import ClosedDay, Location
from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.callbacks.models import CallbackRequest
from appointments.db import Base
from appointments.outbox.models import OutboxMessage
from appointments.reminders.models import BookingReminder, StaffAgendaSubscription
from appointments.staff.models import (
    Absence,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffMember,
)
from appointments.waitlist.models import WaitlistEntry, WaitlistOffer
from appointments.workspace.models import LoginThrottle, StaffConfirmation, WorkspaceSession

__all__ = [
    "Absence",
    "Agency",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "BookingReminder",
    "CallbackRequest",
    "ClosedDay",
    "Hold",
    "IdempotencyRecord",
    "Location",
    "LoginThrottle",
    "Occupancy",
    "OutboxMessage",
    "StaffAccount",
    "StaffAgendaSubscription",
    "StaffConfirmation",
    "StaffMember",
    "WaitlistEntry",
    "WaitlistOffer",
    "WorkspaceSession",
]
