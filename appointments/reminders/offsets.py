"""Parse APPOINTMENTS_REMINDER_OFFSETS: "2d,morning" → when each reminder is due."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

MORNING = "morning"
_DURATION = re.compile(r"^(\d{1,3})([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class Offset:
    """One reminder: a time before the start, or the morning of the day."""

    kind: str
    before: timedelta | None = None

    def due_at(self, start_utc: datetime, zone: ZoneInfo, morning_hour: int) -> datetime:
        """Return when this reminder is due for a meeting starting at start_utc."""
        if self.before is not None:
            return start_utc - self.before
        local_day = start_utc.astimezone(zone).date()
        return datetime.combine(local_day, time(morning_hour), tzinfo=zone)


def parse_offsets(value: str) -> list[Offset]:
    """Parse e.g. "2d,morning" or "48h,90m"; raise ValueError naming the bad part."""
    offsets: list[Offset] = []
    for part in (piece.strip().lower() for piece in value.split(",")):
        if not part:
            continue
        if part == MORNING:
            offsets.append(Offset(MORNING))
            continue
        match = _DURATION.match(part)
        if not match or int(match.group(1)) == 0:
            raise ValueError(
                f"not a reminder offset like '2d', '24h', '90m' or 'morning': {part!r}"
            )
        amount, unit = int(match.group(1)), match.group(2)
        offsets.append(Offset(part, timedelta(**{_UNITS[unit]: amount})))
    kinds = [offset.kind for offset in offsets]
    if len(set(kinds)) != len(kinds):
        raise ValueError("a reminder offset appears twice")
    return offsets
