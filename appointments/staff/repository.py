"""Queries of the staff domain: staff members, logins, agencies, places and confirmations.

Services call these; routers never query the database themselves.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from appointments.availability.models import ClosedDay, Location
from appointments.bookings.models import STATUS_CONFIRMED, Booking
from appointments.staff.models import (
    Absence,
    Agency,
    AvailabilityWindow,
    StaffAccount,
    StaffConfirmation,
    StaffMember,
)


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


def get_staff(session: Session, staff_id: int) -> StaffMember | None:
    """Return one staff member, or None."""
    return session.get(StaffMember, staff_id)


def get_window(session: Session, window_id: int) -> AvailabilityWindow | None:
    """Return one weekly window, or None."""
    return session.get(AvailabilityWindow, window_id)


def get_absence(session: Session, absence_id: int) -> Absence | None:
    """Return one absence, or None."""
    return session.get(Absence, absence_id)


def get_staff_by_feed_token_hash(session: Session, token_hash: str) -> StaffMember | None:
    """Return the active staff member with this feed token hash and an active (or no) login."""
    logins = select(StaffAccount.id).where(StaffAccount.staff_id == StaffMember.id)
    active_login = logins.where(StaffAccount.active.is_(True)).exists()
    # People without any login (feeds set up by an admin) keep theirs while they are active.
    stmt = select(StaffMember).where(
        StaffMember.feed_token_hash == token_hash,
        StaffMember.active.is_(True),
        active_login | ~logins.exists(),
    )
    return session.scalars(stmt).first()


def get_account(session: Session, account_id: int) -> StaffAccount | None:
    """Return one login, or None."""
    return session.get(StaffAccount, account_id)


def get_account_by_username(session: Session, username: str) -> StaffAccount | None:
    """Return the active account with this username, or None."""
    stmt = select(StaffAccount).where(
        StaffAccount.username == username, StaffAccount.active.is_(True)
    )
    return session.scalars(stmt).first()


def username_taken(session: Session, username: str) -> bool:
    """Tell whether any login (active or not) has this username."""
    stmt = select(StaffAccount).where(StaffAccount.username == username)
    return session.scalars(stmt).first() is not None


def list_accounts(session: Session) -> list[StaffAccount]:
    """Return all logins ordered by username."""
    return list(session.scalars(select(StaffAccount).order_by(StaffAccount.username)))


def accounts_of(session: Session, staff_id: int) -> list[StaffAccount]:
    """Return the logins of one staff member."""
    stmt = select(StaffAccount).where(StaffAccount.staff_id == staff_id)
    return list(session.scalars(stmt))


def list_agencies(session: Session) -> list[Agency]:
    """Return the agencies in their configured order."""
    return list(session.scalars(select(Agency).order_by(Agency.id)))


def get_agency_by_code(session: Session, code: str) -> Agency | None:
    """Return the agency with this code, or None."""
    return session.scalars(select(Agency).where(Agency.code == code)).first()


def list_locations(session: Session) -> list[Location]:
    """Return all places in their configured order."""
    return list(session.scalars(select(Location).order_by(Location.id)))


def get_location(session: Session, location_id: int) -> Location | None:
    """Return one place, or None."""
    return session.get(Location, location_id)


def list_closed_days(session: Session, from_day: date) -> list[ClosedDay]:
    """Return closed days from a day on, in order."""
    stmt = select(ClosedDay).where(ClosedDay.day >= from_day).order_by(ClosedDay.day)
    return list(session.scalars(stmt))


def get_closed_day(session: Session, day: date) -> ClosedDay | None:
    """Return the closed day on this date, or None."""
    return session.get(ClosedDay, day)


def confirmed_references_between(
    session: Session, staff_id: int, start: datetime, end: datetime
) -> list[str]:
    """Return references of confirmed bookings of a staff member overlapping [start, end)."""
    stmt = select(Booking.reference).where(
        Booking.status == STATUS_CONFIRMED,
        (Booking.jugendamt_staff_id == staff_id) | (Booking.jobcenter_staff_id == staff_id),
        Booking.start_utc < end,
        Booking.end_utc > start,
    )
    return list(session.scalars(stmt))


def confirmations_for(session: Session, booking_ids: list[int]) -> list[StaffConfirmation]:
    """Return the participation confirmations of these bookings."""
    stmt = select(StaffConfirmation).where(StaffConfirmation.booking_id.in_(booking_ids))
    return list(session.scalars(stmt))


def location_kinds(session: Session) -> dict[str, str]:
    """Map location display names (as copied into bookings) to their kind."""
    return {loc.name: loc.kind for loc in session.scalars(select(Location))}
