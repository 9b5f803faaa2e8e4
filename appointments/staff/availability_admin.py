"""Availability admin: weekly windows, absences and personal calendar feed tokens.

Shared by the JSON API (admins) and the workspace (staff: their own, admins: anyone's).
"""

import logging
import secrets
from datetime import datetime, time

from sqlalchemy.orm import Session

from appointments.bookings.tokens import hash_token
from appointments.errors import AppointmentsError
from appointments.staff import repository
from appointments.staff.models import Absence, AvailabilityWindow, StaffMember

logger = logging.getLogger(__name__)


def _not_found(what: str) -> AppointmentsError:
    return AppointmentsError(f"{what} gibt es nicht.", 404, "not_found")


def list_staff(session: Session) -> list[StaffMember]:
    """Return all staff members with agency, windows and absences."""
    return repository.list_staff(session)


def find_staff(session: Session, staff_id: int) -> StaffMember | None:
    """Return one staff member, or None."""
    return repository.get_staff(session, staff_id)


def find_window(session: Session, staff_id: int, window_id: int) -> AvailabilityWindow | None:
    """Return a weekly window of this staff member, or None (also for someone else's)."""
    window = repository.get_window(session, window_id)
    return window if window is not None and window.staff_id == staff_id else None


def find_absence(session: Session, staff_id: int, absence_id: int) -> Absence | None:
    """Return an absence of this staff member, or None (also for someone else's)."""
    absence = repository.get_absence(session, absence_id)
    return absence if absence is not None and absence.staff_id == staff_id else None


def get_staff_or_raise(session: Session, staff_id: int) -> StaffMember:
    """Return one staff member or raise a German 404."""
    member = repository.get_staff(session, staff_id)
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
    window = repository.get_window(session, window_id)
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
    conflicts = repository.confirmed_references_between(session, staff_id, start, end)
    logger.info(
        "admin.absence.added staff_id=%s absence_id=%s conflicts=%s",
        staff_id,
        absence.id,
        len(conflicts),
    )
    return absence, conflicts


def delete_absence(session: Session, absence_id: int) -> None:
    """Delete an absence; its slots are offered again."""
    absence = repository.get_absence(session, absence_id)
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
    return repository.get_staff_by_feed_token_hash(session, hash_token(token))
