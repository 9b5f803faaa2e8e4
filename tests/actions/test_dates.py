"""German dates and typed slot choices."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from actions.common.dates import format_button, format_long, match_offered_slot

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)  # Monday
OFFERED = [
    {"id": "tue-10", "start": "2026-12-08T09:00:00+00:00"},  # Dienstag 10:00 Berlin
    {"id": "tue-11", "start": "2026-12-08T10:00:00+00:00"},
    {"id": "wed-14", "start": "2026-12-09T13:00:00+00:00"},
    {"id": "thu-09", "start": "2026-12-10T08:00:00+00:00"},
]


def test_format_long_as_people_write_it() -> None:
    assert format_long(datetime(2026, 12, 8, 9, 0, tzinfo=timezone.utc)) == (
        "Dienstag, 8. Dezember 2026, 10:00 Uhr"
    )


def test_format_long_in_summer_time() -> None:
    assert format_long(datetime(2026, 6, 9, 8, 0, tzinfo=timezone.utc)) == (
        "Dienstag, 9. Juni 2026, 10:00 Uhr"
    )


def test_format_button_is_short() -> None:
    assert format_button(datetime(2026, 12, 8, 9, 0, tzinfo=timezone.utc)) == (
        "Di., 8. Dezember, 10:00 Uhr"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("den ersten", "tue-10", id="ordinal-first"),
        pytest.param("Den zweiten bitte.", "tue-11", id="ordinal-second"),
        pytest.param("der letzte", "thu-09", id="ordinal-last"),
        pytest.param("2", "tue-11", id="bare-number"),
        pytest.param("Mittwoch", "wed-14", id="weekday-unique"),
        pytest.param("Dienstag um 11", "tue-11", id="weekday-and-time"),
        pytest.param("morgen um 10", "tue-10", id="tomorrow-time"),
        pytest.param("Donnerstag 9 Uhr", "thu-09", id="weekday-uhr"),
        pytest.param("am 9.12.", "wed-14", id="date"),
        pytest.param("3.12.", None, id="date-not-offered-is-not-position-3"),
        pytest.param("Dienstag", None, id="weekday-ambiguous"),
        pytest.param("Freitag", None, id="weekday-not-offered"),
        pytest.param("den fünften", None, id="position-out-of-range"),
        pytest.param("7", None, id="number-out-of-range"),
        pytest.param("keine Ahnung", None, id="no-hint"),
    ],
)
def test_match_offered_slot(text: str, expected: str | None) -> None:
    assert match_offered_slot(text, OFFERED, NOW) == expected
