"""Admin tasks: weekly availability windows, absences and personal calendar feed tokens."""

import logging
import secrets
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.bookings.tokens import hash_token
from appointments.errors import AppointmentsError
from appointments.staff.models import Absence, AvailabilityWindow, StaffAccount, StaffMember

logger = logging.getLogger(__name__)


def _not_found(what: str) -> AppointmentsError:
    return AppointmentsError(f"{what} gibt es nicht.", 404, "not_found")


def list_staff(session: Session) -> list[StaffMember]:
    """Return all staff members with agency, windows and absences."""
    stmt = (
        select(StaffMember)
        .options(
            selectinload(StaffMember.agency),
            selectinload(StaffMember.windows),
            selectinload(StaffMember.absences),
        )
        .order_by(StaffMember.id)
    )
    return list(session.scalars(stmt))


def get_staff_or_raise(session: Session, staff_id: int) -> StaffMember:
    """Return one staff member or raise a German 404."""
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise _not_found("Diese Mitarbeiterin oder diesen Mitarbeiter")
    return member


def add_window(
    session: Session, staff_id: int, weekday: int, start: time, end: time
) -> AvailabilityWindow:
    """Add a weekly window (local time)."""
    member = get_staff_or_raise(session, staff_id)
    window = AvailabilityWindow(staff=member, weekday=weekday, start_time=start, end_time=end)
    session.add(window)
    session.commit()
    logger.info("admin.window.added staff_id=%s window_id=%s", staff_id, window.id)
    return window


def delete_window(session: Session, window_id: int) -> None:
    """Delete a weekly window (existing bookings stay)."""
    window = session.get(AvailabilityWindow, window_id)
    if window is None:
        raise _not_found("Dieses Zeitfenster")
    session.delete(window)
    session.commit()
    logger.info("admin.window.deleted window_id=%s", window_id)


def add_absence(
    session: Session, staff_id: int, start: datetime, end: datetime, note: str | None
) -> tuple[Absence, list[str]]:
    """Add an absence; return it and the references of confirmed bookings inside it."""
    member = get_staff_or_raise(session, staff_id)
    absence = Absence(staff=member, start_utc=start, end_utc=end, note=note)
    session.add(absence)
    session.commit()
    stmt = select(Booking.reference).where(
        Booking.status == STATUS_CONFIRMED,
        (Booking.jugendamt_staff_id == staff_id) | (Booking.jobcenter_staff_id == staff_id),
        Booking.start_utc < end,
        Booking.end_utc > start,
    )
    conflicts = list(session.scalars(stmt))
    logger.info(
        "admin.absence.added staff_id=%s absence_id=%s conflicts=%s",
        staff_id,
        absence.id,
        len(conflicts),
    )
    return absence, conflicts


def delete_absence(session: Session, absence_id: int) -> None:
    """Delete an absence; its slots are offered again."""
    absence = session.get(Absence, absence_id)
    if absence is None:
        raise _not_found("Diese Abwesenheit")
    session.delete(absence)
    session.commit()
    logger.info("admin.absence.deleted absence_id=%s", absence_id)


def new_feed_token(session: Session, staff_id: int) -> str:
    """Create (or replace) the secret token of a staff member's calendar feed; shown once."""
    member = get_staff_or_raise(session, staff_id)
    token = secrets.token_urlsafe(32)
    member.feed_token_hash = hash_token(token)
    session.commit()
    logger.info("admin.feed_token.created staff_id=%s", staff_id)
    return token


def get_staff_by_feed_token(session: Session, token: str) -> StaffMember | None:
    """Return the active staff member whose feed token this is, or None.

    The feed dies with the account: a deactivated person or login gets nothing, even with a
    copied address.
    """
    logins = select(StaffAccount.id).where(StaffAccount.staff_id == StaffMember.id)
    active_login = logins.where(StaffAccount.active.is_(True)).exists()
    # People without any login (feeds set up by an admin) keep theirs while they are active.
    stmt = select(StaffMember).where(
        StaffMember.feed_token_hash == hash_token(token),
        StaffMember.active.is_(True),
        active_login | ~logins.exists(),
    )
    return session.scalars(stmt).first()
