"""Pure time arithmetic: booking window, grid, coverage and daylight saving time."""

from datetime import date, datetime, time, timezone

from appointments.availability.calendar import booking_window, candidate_minutes, covers, to_local
from appointments.staff.models import AvailabilityWindow
from appointments.tests.conftest import BERLIN, FROZEN_NOW


def _window(weekday: int, start: str, end: str) -> AvailabilityWindow:
    return AvailabilityWindow(
        weekday=weekday, start_time=time.fromisoformat(start), end_time=time.fromisoformat(end)
    )


def test_booking_window_starts_tomorrow_and_ends_after_horizon() -> None:
    window = booking_window(FROZEN_NOW, BERLIN, lead_days=1, horizon_days=28)
    assert (window.first_day, window.last_day) == (date(2026, 12, 8), date(2027, 1, 4))
    assert window.start_utc == datetime(2026, 12, 7, 23, 0, tzinfo=timezone.utc)
    assert window.end_utc == datetime(2027, 1, 4, 23, 0, tzinfo=timezone.utc)


def test_nine_oclock_local_moves_in_utc_across_dst() -> None:
    before = to_local(date(2027, 3, 23), 9 * 60, BERLIN)
    after = to_local(date(2027, 3, 30), 9 * 60, BERLIN)
    assert before is not None and after is not None
    assert before.astimezone(timezone.utc).hour == 8  # CET, UTC+1
    assert after.astimezone(timezone.utc).hour == 7  # CEST, UTC+2


def test_nonexistent_local_time_is_skipped() -> None:
    assert to_local(date(2027, 3, 28), 2 * 60 + 30, BERLIN) is None


def test_covers_needs_whole_slot_on_grid() -> None:
    windows = [_window(1, "09:00", "11:30")]
    tuesday = datetime(2026, 12, 8, tzinfo=BERLIN)
    assert covers(windows, tuesday.replace(hour=10), 60)
    assert not covers(windows, tuesday.replace(hour=11), 60)
    assert not covers(windows, tuesday.replace(hour=9, minute=30), 60)
    assert not covers(windows, tuesday.replace(day=9, hour=9), 60)


def test_candidate_minutes_align_to_grid() -> None:
    windows = [
        _window(0, "09:30", "12:00"),
        _window(0, "14:00", "15:00"),
        _window(1, "08:00", "09:00"),
    ]
    assert candidate_minutes(windows, 0, 60) == [600, 660, 840]
