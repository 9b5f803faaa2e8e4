"""Babel formatting of dates and times as families and staff read them (de_DE)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

LOCALE = "de_DE"
_LONG = "EEEE, d. MMMM y, HH:mm 'Uhr'"
_TIME = "HH:mm 'Uhr'"


def long_datetime(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "Dienstag, 8. Dezember 2026, 10:00 Uhr" in local time."""
    return format_datetime(value, _LONG, tzinfo=zone, locale=LOCALE)


def time_of_day(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "11:00 Uhr" in local time."""
    return format_datetime(value, _TIME, tzinfo=zone, locale=LOCALE)
