"""Babel formatting of dates and times as families and staff read them.

German (de_DE, staff and most families) as written below; inside `family_texts(code)` in
the family's language, with the order and month names of its Babel locale.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, get_datetime_format

from appointments.i18n import LANGUAGE, current_language

LOCALE = "de_DE"
_LONG = "EEEE, d. MMMM y, HH:mm 'Uhr'"
_TIME = "HH:mm 'Uhr'"


def _family_locale() -> str | None:
    # Imported here: appointments.languages reads the catalogue directory from this package.
    from appointments.languages import babel_locale

    language = current_language()
    return None if language == LANGUAGE else babel_locale(language)


def long_datetime(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "Dienstag, 8. Dezember 2026, 10:00 Uhr" in local time."""
    locale = _family_locale()
    if locale:
        day = format_date(value.astimezone(zone).date(), "full", locale=locale)
        time = format_datetime(value, "HH:mm", tzinfo=zone, locale=locale)
        # The language's own way to join date and time ("، " in Arabic).
        return str(get_datetime_format("full", locale=locale)).format(time, day)
    return format_datetime(value, _LONG, tzinfo=zone, locale=LOCALE)


def time_of_day(value: datetime, zone: ZoneInfo) -> str:
    """Return e.g. "11:00 Uhr" in local time."""
    locale = _family_locale()
    if locale:
        return format_datetime(value, "HH:mm", tzinfo=zone, locale=locale)
    return format_datetime(value, _TIME, tzinfo=zone, locale=LOCALE)
