"""Queries the slot computation needs: staff with windows, occupancy, load and location."""

from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from appointments.availability.models import Location
from appointments.bookings.models import Occupancy
from appointments.staff.models import Agency, StaffMember


def get_default_location(session: Session) -> Location | None:
    """Return the consultation place for joint slots (the first configured one)."""
    return session.scalars(select(Location).order_by(Location.id).limit(1)).first()


def list_active_staff(session: Session, agency_code: str) -> list[StaffMember]:
    """Return active staff of one agency with their windows loaded."""
    stmt = (
        select(StaffMember)
        .join(StaffMember.agency)
        .where(Agency.code == agency_code, StaffMember.active.is_(True))
        .options(selectinload(StaffMember.windows), selectinload(StaffMember.agency))
        .order_by(StaffMember.id)
    )
    return list(session.scalars(stmt))


def get_staff(session: Session, staff_id: int) -> StaffMember | None:
    """Return one staff member with agency and windows, or None."""
    stmt = (
        select(StaffMember)
        .where(StaffMember.id == staff_id)
        .options(selectinload(StaffMember.windows), selectinload(StaffMember.agency))
    )
    return session.scalars(stmt).first()


def occupied_starts(
    session: Session, staff_ids: Iterable[int], start: datetime, end: datetime
) -> set[tuple[int, datetime]]:
    """Return (staff_id, start_utc) pairs already taken in [start, end)."""
    stmt = select(Occupancy.staff_id, Occupancy.start_utc).where(
        Occupancy.staff_id.in_(list(staff_ids)),
        Occupancy.start_utc >= start,
        Occupancy.start_utc < end,
    )
    return {(staff_id, start_utc) for staff_id, start_utc in session.execute(stmt)}


def upcoming_load(session: Session, staff_ids: Iterable[int], now: datetime) -> Counter[int]:
    """Count each staff member's upcoming appointments, to spread new ones fairly."""
    stmt = (
        select(Occupancy.staff_id, func.count())
        .where(Occupancy.staff_id.in_(list(staff_ids)), Occupancy.start_utc >= now)
        .group_by(Occupancy.staff_id)
    )
    return Counter({staff_id: count for staff_id, count in session.execute(stmt)})
