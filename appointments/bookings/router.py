"""HTTP endpoint for booking a joint consultation."""

from fastapi import APIRouter, status

from appointments.bookings.schemas import BookingCreate, BookingPublic
from appointments.bookings.service import create_booking
from appointments.deps import NowDep, SessionDep, SettingsDep

router = APIRouter(tags=["Termine"])


@router.post(
    "/bookings",
    response_model=BookingPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Gemeinsamen Termin buchen",
)
def post_booking(
    data: BookingCreate, session: SessionDep, settings: SettingsDep, now: NowDep
) -> BookingPublic:
    """Book a joint slot; 409 if it was taken in the meantime."""
    booking = create_booking(session, settings, now, data)
    return BookingPublic.of(booking)
