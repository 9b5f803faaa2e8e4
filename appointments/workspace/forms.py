"""Parse form values as German staff type them (browsers without date fields send text)."""

import re
from datetime import date, time

_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_day(value: str) -> date | None:
    """Return a date from "2026-12-24" (date field) or "24.12.2026" (typed), else None."""
    value = value.strip()
    match = _GERMAN_DATE.match(value)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_time(value: str) -> time | None:
    """Return a time from "09:00" or "9.00", else None."""
    value = value.strip().replace(".", ":")
    if len(value) == 4 and value[1] == ":":
        value = f"0{value}"
    try:
        return time.fromisoformat(value) if len(value) == 5 else None
    except ValueError:
        return None
