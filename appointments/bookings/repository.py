"""Queries and writes around bookings, holds and occupancy rows."""

import re
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, selectinload

from appointments.availability.joint_slot import JointSlot
from appointments.availability.repository import occupancy_live
from appointments.bookings.models import STATUS_CONFIRMED, Booking, Hold, Occupancy
from appointments.staff.models import JOBCENTER, JUGENDAMT


def normalise_phone(phone: str | None) -> str | None:
    """Return only the digits ("05451 12345-6" and "0545112345 6" are the same number)."""
    if phone is None:
        return None
    digits = re.sub(r"\D", "", phone)
    return digits or None


def release_expired_holds(session: Session, slot: JointSlot, now: datetime) -> None:
    """Delete expired hold rows that would block this slot (inside the caller's transaction)."""
    session.execute(
        delete(Occupancy).where(
            Occupancy.staff_id.in_([slot.jugendamt.id, slot.jobcenter.id]),
            Occupancy.start_utc == slot.start_utc,
            Occupancy.hold_id.is_not(None),
            Occupancy.expires_at <= now,
        )
    )


def release_booking(session: Session, booking: Booking) -> None:
    """Delete the booking's occupancy rows so both staff members are free again."""
    session.execute(delete(Occupancy).where(Occupancy.booking_id == booking.id))
    session.expire(booking, ["occupancies"])


def is_occupied(session: Session, slot: JointSlot, now: datetime) -> bool:
    """Tell whether a booking or a live hold blocks one of the slot's staff members."""
    stmt = select(Occupancy.id).where(
        Occupancy.staff_id.in_([slot.jugendamt.id, slot.jobcenter.id]),
        Occupancy.start_utc == slot.start_utc,
        occupancy_live(now),
    )
    return session.scalars(stmt).first() is not None


def occupancies_for(slot: JointSlot, **owner: object) -> list[Occupancy]:
    """Return the two occupancy rows of a slot, in staff-id order (no deadlocks)."""
    staff_ids = sorted((slot.jugendamt.id, slot.jobcenter.id))
    return [Occupancy(staff_id=sid, start_utc=slot.start_utc, **owner) for sid in staff_ids]


def get_booking_by_reference(session: Session, reference: str) -> Booking | None:
    """Return the booking with staff loaded, or None."""
    stmt = (
        select(Booking)
        .where(Booking.reference == reference)
        .options(selectinload(Booking.jugendamt_staff), selectinload(Booking.jobcenter_staff))
    )
    return session.scalars(stmt).first()


def get_hold(session: Session, hold_id: str) -> Hold | None:
    """Return a hold with staff loaded, or None."""
    stmt = (
        select(Hold)
        .where(Hold.id == hold_id)
        .options(selectinload(Hold.jugendamt_staff), selectinload(Hold.jobcenter_staff))
    )
    return session.scalars(stmt).first()


def list_bookings(
    session: Session,
    agency: str | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    status: str | None = None,
    staff_id: int | None = None,
) -> list[Booking]:
    """Return bookings ordered by start, filtered by staff, [start, end) and status.

    Every booking is joint (one person of each agency), so `agency` only says on which side
    `staff_id` must appear; without `staff_id` it keeps bookings of both agencies.
    """
    stmt = (
        select(Booking)
        .options(selectinload(Booking.jugendamt_staff), selectinload(Booking.jobcenter_staff))
        .order_by(Booking.start_utc, Booking.id)
    )
    if start is not None:
        stmt = stmt.where(Booking.start_utc >= start)
    if end is not None:
        stmt = stmt.where(Booking.start_utc < end)
    if status is not None:
        stmt = stmt.where(Booking.status == status)
    if staff_id is not None and agency == JUGENDAMT:
        stmt = stmt.where(Booking.jugendamt_staff_id == staff_id)
    elif staff_id is not None and agency == JOBCENTER:
        stmt = stmt.where(Booking.jobcenter_staff_id == staff_id)
    elif staff_id is not None:
        stmt = stmt.where(
            (Booking.jugendamt_staff_id == staff_id) | (Booking.jobcenter_staff_id == staff_id)
        )
    return list(session.scalars(stmt))


def set_status_if_confirmed(
    session: Session, booking_id: int, status: str, reason: str, now: datetime, account_id: int
) -> bool:
    """Set a staff status on a booking that is still confirmed (not committed); False if not.

    A conditional update: a cancel or another status change at the same moment wins or loses
    as a whole, never half.
    """
    changed = session.execute(
        update(Booking)
        .where(Booking.id == booking_id, Booking.status == STATUS_CONFIRMED)
        .values(
            status=status, status_reason=reason, status_changed_at=now, status_changed_by=account_id
        )
        .execution_options(synchronize_session=False)
    )
    rowcount: int = changed.rowcount  # type: ignore[attr-defined]
    return rowcount == 1
