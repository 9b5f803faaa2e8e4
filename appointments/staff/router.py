"""HTTP endpoint for staff: the list of booked joint consultations."""

import logging

from fastapi import APIRouter

from appointments.bookings.service import list_bookings
from appointments.deps import CurrentStaff, SessionDep
from appointments.staff.schemas import BookingStaffList, BookingStaffView

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/staff", tags=["Mitarbeitende"])


@router.get("/bookings", response_model=BookingStaffList, summary="Gebuchte Termine")
def get_staff_bookings(session: SessionDep, account: CurrentStaff) -> BookingStaffList:
    """List all bookings ordered by start (HTTP Basic auth)."""
    bookings = list_bookings(session)
    logger.info("staff.bookings.listed account_id=%s count=%s", account.id, len(bookings))
    return BookingStaffList(bookings=[BookingStaffView.of(booking) for booking in bookings])
