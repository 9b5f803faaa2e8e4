"""Joint slots: a start time at which one active person of EACH agency is free."""

import logging
from collections import Counter
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session

from appointments.availability import calendar, holidays, repository
from appointments.availability.exceptions import SlotNotFoundError, SlotUnavailableError
from appointments.availability.joint_slot import JointSlot
from appointments.availability.models import KIND_IN_PERSON
from appointments.availability.slot_id import parse_slot_id
from appointments.config import Settings
from appointments.staff.models import JOBCENTER, JUGENDAMT, StaffMember

logger = logging.getLogger(__name__)


def _pick_pair(
    jugendamt: list[StaffMember], jobcenter: list[StaffMember], load: Counter[int]
) -> tuple[StaffMember, StaffMember]:
    # Least-loaded pair first, so appointments spread over all staff; ids break ties stably.
    return min(
        ((ja, jc) for ja in jugendamt for jc in jobcenter),
        key=lambda pair: (
            load[pair[0].id] + load[pair[1].id],
            max(load[pair[0].id], load[pair[1].id]),
            pair[0].id,
            pair[1].id,
        ),
    )


Absences = dict[int, list[tuple[datetime, datetime]]]


def _absent(absences: Absences, staff_id: int, start_utc: datetime, end_utc: datetime) -> bool:
    return any(a < end_utc and start_utc < b for a, b in absences.get(staff_id, ()))


def _free(
    members: list[StaffMember],
    start_local: datetime,
    taken: set[tuple[int, datetime]],
    step: int,
    absences: Absences,
    length: int,
) -> list[StaffMember]:
    start_utc = start_local.astimezone(timezone.utc)
    end_utc = start_utc + timedelta(minutes=length)
    return [
        member
        for member in members
        if (member.id, start_utc) not in taken
        and calendar.covers(member.windows, start_local, step, length)
        and not _absent(absences, member.id, start_utc, end_utc)
    ]


def list_joint_slots(
    session: Session,
    settings: Settings,
    now: datetime,
    limit: int,
    earliest: datetime | None = None,
    kind: str = KIND_IN_PERSON,
) -> list[JointSlot]:
    """Return up to `limit` joint slots ordered by start, each start time offered once."""
    location = repository.get_default_location(session, kind)
    if location is None:
        logger.warning("slots.no_location_configured kind=%s", kind)
        return []
    zone, step, length = settings.zone, settings.slot_step_minutes, settings.appointment_minutes
    window = calendar.booking_window(now, zone, settings.lead_days, settings.horizon_days)
    jugendamt = repository.list_active_staff(session, JUGENDAMT)
    jobcenter = repository.list_active_staff(session, JOBCENTER)
    staff_ids = [member.id for member in (*jugendamt, *jobcenter)]
    taken = repository.occupied_starts(session, staff_ids, window.start_utc, window.end_utc, now)
    absences = repository.absences_between(session, staff_ids, window.start_utc, window.end_utc)
    load = repository.upcoming_load(session, staff_ids, now)
    not_before = max(now, earliest) if earliest else now
    all_windows = [w for member in (*jugendamt, *jobcenter) for w in member.windows]
    closed = repository.closed_days(session, settings.closed_days)

    slots: list[JointSlot] = []
    for day in window.days():
        if holidays.is_closed(day, closed):
            continue
        for minute in calendar.candidate_minutes(all_windows, day.weekday(), step, length):
            start_local = calendar.to_local(day, minute, zone)
            if start_local is None:
                continue
            start_utc = start_local.astimezone(timezone.utc)
            if start_utc <= now or start_utc < not_before:
                continue

            free_ja = _free(jugendamt, start_local, taken, step, absences, length)
            free_jc = _free(jobcenter, start_local, taken, step, absences, length)
            if not free_ja or not free_jc:
                continue
            ja, jc = _pick_pair(free_ja, free_jc, load)
            load[ja.id] += 1
            load[jc.id] += 1
            end_utc = start_utc + timedelta(minutes=length)
            slots.append(JointSlot(start_utc, end_utc, ja, jc, location.name, location.kind))
            if len(slots) >= limit:
                return slots
    return slots


def resolve_slot(session: Session, settings: Settings, now: datetime, slot_id: str) -> JointSlot:
    """Check that a slot id names a bookable joint slot (occupancy is left to the database)."""
    key = parse_slot_id(slot_id)
    if key is None:
        raise SlotNotFoundError()
    ja = repository.get_staff(session, key.jugendamt_staff_id)
    jc = repository.get_staff(session, key.jobcenter_staff_id)
    if ja is None or jc is None or ja.agency.code != JUGENDAMT or jc.agency.code != JOBCENTER:
        raise SlotNotFoundError()
    location = repository.get_default_location(session, key.kind)
    zone, step, length = settings.zone, settings.slot_step_minutes, settings.appointment_minutes
    window = calendar.booking_window(now, zone, settings.lead_days, settings.horizon_days)
    start_local = key.start_utc.astimezone(zone)
    end_utc = key.start_utc + timedelta(minutes=length)
    absences = repository.absences_between(session, [ja.id, jc.id], key.start_utc, end_utc)
    bookable = (
        location is not None
        and key.start_utc > now
        and window.start_utc <= key.start_utc < window.end_utc
        and ja.active
        and jc.active
        and calendar.covers(ja.windows, start_local, step, length)
        and calendar.covers(jc.windows, start_local, step, length)
        and not holidays.is_closed(
            start_local.date(), repository.closed_days(session, settings.closed_days)
        )
        and not absences
    )
    if not bookable or location is None:
        raise SlotUnavailableError()
    return JointSlot(key.start_utc, end_utc, ja, jc, location.name, location.kind)
