"""Import every model so that `Base.metadata` is complete (Alembic, tests, create_all)."""

from appointments.availability.models import ClosedDay, Location
from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.callbacks.models import CallbackRequest
from appointments.db import Base
from appointments.outbox.models import OutboxMessage
from appointments.reminders.models import BookingReminder, StaffAgendaSubscription
from appointments.review.models import AnswerRating, CrisisCount, ReviewItem, WeekCount
from appointments.staff.models import (
    Absence,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffConfirmation,
    StaffMember,
)
from appointments.staff.sign_in_models import LoginThrottle, WorkspaceSession
from appointments.waitlist.models import WaitlistEntry, WaitlistOffer

__all__ = [
    "Absence",
    "Agency",
    "AnswerRating",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "BookingReminder",
    "CallbackRequest",
    "ClosedDay",
    "CrisisCount",
    "Hold",
    "IdempotencyRecord",
    "Location",
    "LoginThrottle",
    "Occupancy",
    "OutboxMessage",
    "ReviewItem",
    "StaffAccount",
    "StaffAgendaSubscription",
    "StaffConfirmation",
    "StaffMember",
    "WaitlistEntry",
    "WaitlistOffer",
    "WeekCount",
    "WorkspaceSession",
]
