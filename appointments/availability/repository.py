"""Queries the slot computation needs: staff with windows, occupancy, load and location."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from appointments.availability.models import KIND_IN_PERSON, ClosedDay, Location
from appointments.bookings.models import Occupancy
from appointments.staff.models import Absence, Agency, StaffMember


def get_default_location(session: Session, kind: str = KIND_IN_PERSON) -> Location | None:
    """Return the place for joint slots of one kind (the first configured one)."""
    stmt = select(Location).where(Location.kind == kind).order_by(Location.id).limit(1)
    return session.scalars(stmt).first()


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


def occupancy_live(now: datetime) -> ColumnElement[bool]:
    """Return the condition for occupancy rows that still block: bookings and unexpired holds."""
    return or_(Occupancy.expires_at.is_(None), Occupancy.expires_at > now)


def occupied_starts(
    session: Session, staff_ids: Iterable[int], start: datetime, end: datetime, now: datetime
) -> set[tuple[int, datetime]]:
    """Return (staff_id, start_utc) pairs taken in [start, end) by bookings or live holds."""
    stmt = select(Occupancy.staff_id, Occupancy.start_utc).where(
        Occupancy.staff_id.in_(list(staff_ids)),
        Occupancy.start_utc >= start,
        Occupancy.start_utc < end,
        occupancy_live(now),
    )
    return {(staff_id, start_utc) for staff_id, start_utc in session.execute(stmt)}


def absences_between(
    session: Session, staff_ids: Iterable[int], start: datetime, end: datetime
) -> dict[int, list[tuple[datetime, datetime]]]:
    """Return each staff member's absences overlapping [start, end) as (start, end) pairs."""
    stmt = select(Absence.staff_id, Absence.start_utc, Absence.end_utc).where(
        Absence.staff_id.in_(list(staff_ids)), Absence.start_utc < end, Absence.end_utc > start
    )
    result: dict[int, list[tuple[datetime, datetime]]] = {}
    for staff_id, begin, finish in session.execute(stmt):
        result.setdefault(staff_id, []).append((begin, finish))
    return result


def upcoming_load(session: Session, staff_ids: Iterable[int], now: datetime) -> Counter[int]:
    """Count each staff member's upcoming appointments, to spread new ones fairly."""
    stmt = (
        select(Occupancy.staff_id, func.count())
        .where(
            Occupancy.staff_id.in_(list(staff_ids)),
            Occupancy.start_utc >= now,
            occupancy_live(now),
        )
        .group_by(Occupancy.staff_id)
    )
    return Counter({staff_id: count for staff_id, count in session.execute(stmt)})


def closed_days(session: Session, settings_days: Iterable[date]) -> set[date]:
    """Return the configured closed days plus those admins entered in the staff workspace."""
    return {*settings_days, *session.scalars(select(ClosedDay.day))}
