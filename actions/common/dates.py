"""Show dates as people write them, and match typed answers to offered slots."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_skeleton, get_datetime_format

from actions.settings import get_settings
from runtime.translations import SOURCE_LANGUAGE, babel_locale

_ORDINALS = {
    "erste": 1, "ersten": 1, "erster": 1, "1.": 1,
    "zweite": 2, "zweiten": 2, "zweiter": 2, "2.": 2,
    "dritte": 3, "dritten": 3, "dritter": 3, "3.": 3,
    "vierte": 4, "vierten": 4, "vierter": 4, "4.": 4,
    "letzte": -1, "letzten": -1, "letzter": -1,
}  # fmt: skip
_WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
    "samstag": 5, "sonntag": 6,
}  # fmt: skip
_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.?")
_TIME = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*uhr\b|\bum\s+(\d{1,2})(?::(\d{2}))?\b")
_BARE_NUMBER = re.compile(r"^\s*(?:nr\.?\s*|nummer\s*)?(\d)\s*\.?\s*$")


def now() -> datetime:
    """The current time; a function so tests can replace it."""
    return datetime.now(timezone.utc)


def local(moment: datetime) -> datetime:
    """Convert to the municipality's time zone."""
    return moment.astimezone(ZoneInfo(get_settings().timezone))


def format_long(moment: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """Format like "Dienstag, 8. Dezember 2026, 10:00 Uhr" (in the family's language)."""
    if language != SOURCE_LANGUAGE:
        locale = babel_locale(language)
        day = format_date(local(moment).date(), "full", locale=locale)
        time = format_datetime(local(moment), "HH:mm", locale=locale)
        # The language's own way to join date and time ("، " in Arabic).
        return str(get_datetime_format("full", locale=locale)).format(time, day)
    settings = get_settings()
    return format_datetime(local(moment), "EEEE, d. MMMM y, HH:mm 'Uhr'", locale=settings.locale)


def format_button(moment: datetime, language: str = SOURCE_LANGUAGE) -> str:
    """Format like "Di., 8. Dezember, 10:00 Uhr" for a short button title."""
    if language != SOURCE_LANGUAGE:
        return _in_language(moment, "MMMMEd", language)
    return format_datetime(local(moment), "EEE, d. MMMM, HH:mm 'Uhr'", locale=get_settings().locale)


def _in_language(moment: datetime, skeleton: str, language: str) -> str:
    # A skeleton lets Babel order day, month and weekday as the language does; the time
    # stays 24-hour as in Germany, where the appointment takes place (also in format_long).
    locale = babel_locale(language)
    day = format_skeleton(skeleton, local(moment), locale=locale)
    time = format_datetime(local(moment), "HH:mm", locale=locale)
    return str(get_datetime_format("medium", locale=locale)).format(time, day)


def _words(lowered: str) -> list[str]:
    # Ordinals keep their dot ("2."), other words lose it ("Di." -> "di").
    return [
        w if w[0].isdigit() else w.rstrip(".") for w in re.findall(r"[a-zäöüß]+\.?|\d+\.", lowered)
    ]


def match_offered_slot(text: str, offered: list[dict[str, str]], now: datetime) -> str | None:
    """Return the id of the one offered slot a typed answer points to, else None.

    Understands a position ("den zweiten", "2"), a weekday, "morgen"/"übermorgen",
    a date ("8.12.") and a time ("10 Uhr", "um 10"). Several hints narrow down together;
    an answer that fits more than one slot is not guessed.
    """
    if not offered:
        return None
    lowered = text.lower().strip()
    bare = _BARE_NUMBER.match(lowered)
    if bare:
        index = int(bare.group(1)) - 1
        return offered[index]["id"] if 0 <= index < len(offered) else None
    words = _words(lowered)
    date_match = _DATE.search(lowered)
    for word in words:
        # "3." is a position only when it is not the day of a date such as "3.12.".
        if word in _ORDINALS and not (date_match and word[0].isdigit()):
            position = _ORDINALS[word]
            index = len(offered) - 1 if position == -1 else position - 1
            return offered[index]["id"] if index < len(offered) else None

    hinted, candidates = filter_by_hints(text, offered, now)
    if hinted and len(candidates) == 1:
        return candidates[0]["id"]
    return None


def filter_by_hints(
    text: str, items: list[dict[str, str]], now: datetime
) -> tuple[bool, list[dict[str, str]]]:
    """The slots fitting the day, date and time named in the text, and whether any was named."""
    lowered = text.lower().strip()
    words = _words(lowered)
    date_match = _DATE.search(lowered)
    candidates = [(item, local(datetime.fromisoformat(item["start"]))) for item in items]
    hinted = False
    today = local(now).date()
    for word in words:
        if word in _WEEKDAYS:
            hinted = True
            candidates = [c for c in candidates if c[1].weekday() == _WEEKDAYS[word]]
    if "übermorgen" in lowered or "uebermorgen" in lowered:
        hinted = True
        candidates = [c for c in candidates if (c[1].date() - today).days == 2]
    elif "morgen" in words:
        hinted = True
        candidates = [c for c in candidates if (c[1].date() - today).days == 1]
    if date_match:
        hinted = True
        day, month = int(date_match.group(1)), int(date_match.group(2))
        candidates = [c for c in candidates if (c[1].day, c[1].month) == (day, month)]
    time_match = _TIME.search(lowered)
    if time_match:
        hinted = True
        hour = int(time_match.group(1) or time_match.group(3))
        minute = int(time_match.group(2) or time_match.group(4) or 0)
        candidates = [c for c in candidates if (c[1].hour, c[1].minute) == (hour, minute)]
    return hinted, [item for item, _start in candidates]
