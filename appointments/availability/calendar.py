"""Pure time arithmetic: the bookable day range and slot starts in local time (DST-safe)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from appointments.staff.models import AvailabilityWindow


@dataclass(frozen=True)
class BookingWindow:
    """The local days on which slots may be offered (inclusive) and their UTC bounds."""

    first_day: date
    last_day: date
    start_utc: datetime
    end_utc: datetime

    def days(self) -> Iterator[date]:
        """Iterate over the local days of the window."""
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += timedelta(days=1)


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    """Return the start of a local day as aware UTC datetime."""
    return datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(timezone.utc)


def booking_window(
    now: datetime, zone: ZoneInfo, lead_days: int, horizon_days: int
) -> BookingWindow:
    """Return the days from today + lead_days to today + horizon_days (local calendar)."""
    today = now.astimezone(zone).date()
    first = today + timedelta(days=lead_days)
    last = today + timedelta(days=horizon_days)
    return BookingWindow(
        first, last, local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)
    )


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def covers(
    windows: Iterable[AvailabilityWindow],
    start_local: datetime,
    slot_minutes: int,
    length: int | None = None,
) -> bool:
    """Tell whether a window covers [start, start + length) on the slot grid (wall-clock time).

    `slot_minutes` is the grid step (duration + buffer), `length` the consultation (default:
    the step); the buffer after the last consultation may lie outside the window.
    """
    length = slot_minutes if length is None else length
    begin = start_local.hour * 60 + start_local.minute
    if begin % slot_minutes or start_local.second or start_local.microsecond:
        return False
    return any(
        window.weekday == start_local.weekday()
        and _minutes(window.start_time) <= begin
        and begin + length <= _minutes(window.end_time)
        for window in windows
    )


def to_local(day: date, minute_of_day: int, zone: ZoneInfo) -> datetime | None:
    """Return the aware local datetime, or None if the wall-clock time does not exist (DST gap)."""
    naive = datetime.combine(day, time(minute_of_day // 60, minute_of_day % 60))
    aware = naive.replace(tzinfo=zone)
    round_trip = aware.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    return aware if round_trip == naive else None


def candidate_minutes(
    windows: Iterable[AvailabilityWindow],
    weekday: int,
    slot_minutes: int,
    length: int | None = None,
) -> list[int]:
    """Return sorted grid minutes-of-day at which any of the windows could host a slot."""
    length = slot_minutes if length is None else length
    minutes: set[int] = set()
    for window in windows:
        if window.weekday != weekday:
            continue
        first = -(-_minutes(window.start_time) // slot_minutes) * slot_minutes
        last = _minutes(window.end_time) - length
        minutes.update(range(first, last + 1, slot_minutes))
    return sorted(minutes)
