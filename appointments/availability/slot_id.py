"""Slot ids: `<UTC start as YYYYMMDDTHHMMZ>-<jugendamt_staff_id>-<jobcenter_staff_id>[-<kind>]`.

In-person slots carry no suffix (the ids clients already know); phone and video slots end in
`-phone` or `-video`.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timezone

_PATTERN = re.compile(r"^(\d{8}T\d{4}Z)-([1-9]\d{0,9})-([1-9]\d{0,9})(?:-(phone|video))?$")
IN_PERSON = "in_person"
_FORMAT = "%Y%m%dT%H%MZ"


@dataclass(frozen=True)
class SlotKey:
    """The parsed parts of a slot id."""

    start_utc: datetime
    jugendamt_staff_id: int
    jobcenter_staff_id: int
    kind: str = IN_PERSON


def format_slot_id(
    start_utc: datetime, jugendamt_staff_id: int, jobcenter_staff_id: int, kind: str = IN_PERSON
) -> str:
    """Build the slot id, e.g. `20261208T0900Z-1-3` or `20261208T0900Z-1-3-phone`."""
    stamp = start_utc.astimezone(timezone.utc).strftime(_FORMAT)
    suffix = "" if kind == IN_PERSON else f"-{kind}"
    return f"{stamp}-{jugendamt_staff_id}-{jobcenter_staff_id}{suffix}"


def parse_slot_id(slot_id: str) -> SlotKey | None:
    """Parse a slot id; return None when it is malformed."""
    match = _PATTERN.match(slot_id)
    if match is None:
        return None
    try:
        start = datetime.strptime(match.group(1), _FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return SlotKey(start, int(match.group(2)), int(match.group(3)), match.group(4) or IN_PERSON)
