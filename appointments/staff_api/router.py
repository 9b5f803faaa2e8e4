"""HTTP endpoints for staff: booking lists, status changes, CSV export, calendar feed."""

import logging
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from appointments.bookings.models import Booking
from appointments.deps import CurrentStaff, NowDep, SessionDep, SettingsDep
from appointments.errors import AppointmentsError
from appointments.notify.ics import calendar_of
from appointments.staff import availability_admin as admin
from appointments.staff import booking_status as workspace
from appointments.staff.csv_export import to_csv
from appointments.staff_api.schemas import BookingStaffList, BookingStaffView, StatusChange

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/staff", tags=["Mitarbeitende"])

AgencyFilter = Annotated[
    Literal["jugendamt", "jobcenter"] | None,
    Query(description="Mit staff_id: auf welcher Seite die Person steht"),
]
StaffFilter = Annotated[int | None, Query(ge=1, description="Nur Termine dieser Person")]
FromFilter = Annotated[date | None, Query(alias="from", description="Erster Tag (Ortszeit)")]
ToFilter = Annotated[date | None, Query(alias="to", description="Letzter Tag (Ortszeit)")]
StatusFilter = Annotated[Literal["confirmed", "cancelled", "attended", "no_show"] | None, Query()]


def filtered_bookings(
    account: CurrentStaff,
    session: SessionDep,
    settings: SettingsDep,
    agency: AgencyFilter = None,
    staff_id: StaffFilter = None,
    first_day: FromFilter = None,
    last_day: ToFilter = None,
    status: StatusFilter = None,
) -> list[Booking]:
    """The bookings the list and the CSV export show: like the workspace, staff see only the
    consultations they take part in, admins everything."""
    if not account.is_admin:
        own = account.staff_id if account.staff_id is not None else -1
        if staff_id is not None and staff_id != own:
            return []
        staff_id = own
    return workspace.list_filtered(session, settings, agency, staff_id, first_day, last_day, status)


FilteredBookings = Annotated[list[Booking], Depends(filtered_bookings)]


@router.get("/bookings", response_model=BookingStaffList, summary="Gebuchte Termine")
def get_staff_bookings(account: CurrentStaff, bookings: FilteredBookings) -> BookingStaffList:
    """List bookings ordered by start, optionally filtered (HTTP Basic auth)."""
    logger.info("staff.bookings.listed account_id=%s count=%s", account.id, len(bookings))
    return BookingStaffList(bookings=[BookingStaffView.of(booking) for booking in bookings])


@router.get(
    "/bookings.csv",
    summary="Gebuchte Termine als CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def get_staff_bookings_csv(
    account: CurrentStaff, bookings: FilteredBookings, settings: SettingsDep
) -> Response:
    """Export the filtered bookings as CSV (semicolon-separated, UTF-8)."""
    logger.info("staff.bookings.exported account_id=%s count=%s", account.id, len(bookings))
    return Response(
        to_csv(bookings, settings),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="termine.csv"'},
    )


@router.post(
    "/bookings/{reference}/status",
    response_model=BookingStaffView,
    summary="Status eines Termins ändern",
)
def post_booking_status(
    reference: str,
    data: StatusChange,
    session: SessionDep,
    settings: SettingsDep,
    account: CurrentStaff,
    now: NowDep,
) -> BookingStaffView:
    """Set attended / no_show / cancelled (with reason) on a confirmed booking."""
    booking = workspace.change_status(
        session, settings, account, reference, data.status, data.reason, now
    )
    return BookingStaffView.of(booking)


@router.get(
    "/feed/{token}.ics",
    summary="Persönlicher Kalender-Feed",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def get_feed(token: str, session: SessionDep, now: NowDep) -> Response:
    """Return all confirmed and cancelled bookings of one staff member as iCalendar."""
    member = admin.get_staff_by_feed_token(session, token)
    if member is None:
        raise AppointmentsError("Diesen Kalender gibt es nicht.", 404, "feed_not_found")
    bookings = workspace.feed_bookings(session, member.id)
    return Response(calendar_of(bookings, now), media_type="text/calendar; charset=utf-8")
