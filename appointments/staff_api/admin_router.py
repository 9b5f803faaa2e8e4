"""HTTP endpoints for admins: availability windows, absences, feed tokens, erasure."""

from fastapi import APIRouter, Response, status

from appointments.bookings.retention import forget
from appointments.deps import CurrentAdmin, NowDep, SessionDep, SettingsDep
from appointments.staff import availability_admin as admin
from appointments.staff.models import Absence, StaffMember
from appointments.staff_api.schemas import (
    AbsenceCreated,
    AbsenceIn,
    AbsenceOut,
    FeedTokenOut,
    ForgetOut,
    StaffAdminView,
    WindowIn,
    WindowOut,
)

router = APIRouter(prefix="/admin", tags=["Administration"])


def _absence(absence: Absence) -> AbsenceOut:
    return AbsenceOut(
        id=absence.id,
        staff_id=absence.staff_id,
        start=absence.start_utc,
        end=absence.end_utc,
        note=absence.note,
    )


def _staff(member: StaffMember) -> StaffAdminView:
    return StaffAdminView(
        id=member.id,
        key=member.key,
        name=member.name,
        agency=member.agency.code,
        active=member.active,
        email=member.email,
        windows=[
            WindowOut(id=w.id, weekday=w.weekday, start=w.start_time, end=w.end_time)
            for w in member.windows
        ],
        absences=[_absence(a) for a in member.absences],
    )


@router.get("/staff", response_model=list[StaffAdminView], summary="Mitarbeitende mit Zeiten")
def get_staff(session: SessionDep, _admin: CurrentAdmin) -> list[StaffAdminView]:
    """List staff members with their weekly windows and absences."""
    return [_staff(member) for member in admin.list_staff(session)]


@router.post(
    "/staff/{staff_id}/windows",
    response_model=WindowOut,
    status_code=status.HTTP_201_CREATED,
    summary="Zeitfenster hinzufügen",
)
def post_window(
    staff_id: int, data: WindowIn, session: SessionDep, _admin: CurrentAdmin
) -> WindowOut:
    """Add a weekly availability window (local time)."""
    window = admin.add_window(session, staff_id, data.weekday, data.start, data.end)
    return WindowOut(
        id=window.id, weekday=window.weekday, start=window.start_time, end=window.end_time
    )


@router.delete(
    "/windows/{window_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Zeitfenster löschen"
)
def delete_window(window_id: int, session: SessionDep, _admin: CurrentAdmin) -> Response:
    """Delete a weekly availability window."""
    admin.delete_window(session, window_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/staff/{staff_id}/absences",
    response_model=AbsenceCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Abwesenheit eintragen",
)
def post_absence(
    staff_id: int, data: AbsenceIn, session: SessionDep, _admin: CurrentAdmin
) -> AbsenceCreated:
    """Add an absence: no slots with this person in that period; lists affected bookings."""
    absence, conflicts = admin.add_absence(session, staff_id, data.start, data.end, data.note)
    return AbsenceCreated(**dict(_absence(absence)), conflicting_bookings=conflicts)


@router.delete(
    "/absences/{absence_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Abwesenheit löschen",
)
def delete_absence(absence_id: int, session: SessionDep, _admin: CurrentAdmin) -> Response:
    """Delete an absence."""
    admin.delete_absence(session, absence_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/staff/{staff_id}/feed-token",
    response_model=FeedTokenOut,
    status_code=status.HTTP_201_CREATED,
    summary="Kalender-Feed-Adresse erzeugen",
)
def post_feed_token(
    staff_id: int, session: SessionDep, settings: SettingsDep, _admin: CurrentAdmin
) -> FeedTokenOut:
    """Create a new secret feed URL for a staff member (an older one stops working)."""
    token = admin.new_feed_token(session, staff_id)
    return FeedTokenOut(feed_url=f"{settings.public_base_url.rstrip('/')}/staff/feed/{token}.ics")


@router.post(
    "/bookings/{reference}/forget",
    response_model=ForgetOut,
    summary="Daten einer Familie löschen",
)
def post_forget(
    reference: str, session: SessionDep, now: NowDep, _admin: CurrentAdmin
) -> ForgetOut:
    """Erase one family's personal data now (right to erasure); cancels an upcoming booking."""
    booking = forget(session, reference, now)
    assert booking.anonymised_at is not None
    return ForgetOut(reference=booking.reference, anonymised_at=booking.anonymised_at)
