"""Statistics without personal data: counts per week, outcome, topic, language and channel."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from appointments.availability.calendar import local_midnight
from appointments.bookings import repository
from appointments.bookings.models import (
    STATUS_ATTENDED,
    STATUS_CANCELLED,
    STATUS_NO_SHOW,
)
from appointments.config import Settings

# Groups smaller than this are shown as "fewer than 3", so rare languages do not point to
# one family.
MIN_GROUP = 3


@dataclass(frozen=True)
class WeekCount:
    """Bookings whose appointment falls into one ISO week."""

    monday: date
    week: int
    booked: int
    cancelled: int
    attended: int
    no_show: int


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics page shows (numbers only)."""

    weeks: list[WeekCount]
    total: int
    attended: int
    no_show: int
    via_chat: int
    # Topic codes of the conversation contract; the workspace shows their German names.
    topics: list[tuple[str, int | None]]
    languages: list[tuple[str, int | None]]


def _small(counter: Counter[str]) -> list[tuple[str, int | None]]:
    """Return (label, count) by frequency; None marks a count below MIN_GROUP."""
    return [(label, n if n >= MIN_GROUP else None) for label, n in counter.most_common()]


def compute(session: Session, settings: Settings, first_monday: date, weeks: int) -> Statistics:
    """Count bookings with appointments in `weeks` ISO weeks from `first_monday` on."""
    start = local_midnight(first_monday, settings.zone)
    end = local_midnight(first_monday + timedelta(weeks=weeks), settings.zone)
    bookings = repository.list_bookings(session, start=start, end=end)
    per_week: dict[date, Counter[str]] = {
        first_monday + timedelta(weeks=i): Counter() for i in range(weeks)
    }
    topics: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    for booking in bookings:
        day = booking.start_utc.astimezone(settings.zone).date()
        per_week[day - timedelta(days=day.weekday())][booking.status] += 1
        topics.update(booking.topics or [])
        if booking.language:
            languages[booking.language.strip().capitalize()] += 1
    rows = [
        WeekCount(
            monday=monday,
            week=monday.isocalendar().week,
            booked=sum(counts.values()),
            cancelled=counts[STATUS_CANCELLED],
            attended=counts[STATUS_ATTENDED],
            no_show=counts[STATUS_NO_SHOW],
        )
        for monday, counts in sorted(per_week.items())
    ]
    return Statistics(
        weeks=rows,
        total=len(bookings),
        attended=sum(row.attended for row in rows),
        no_show=sum(row.no_show for row in rows),
        via_chat=sum(1 for booking in bookings if booking.consent_channel == "chat"),
        topics=_small(topics),
        languages=_small(languages),
    )
