"""GET /staff/bookings with HTTP Basic auth."""

from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    LOCATION_NAME,
    Team,
    booking_payload,
    create_account,
    create_team,
    slot_id,
)

PASSWORD = "richtig-geheim"


@pytest.fixture
def team(session: Session) -> Team:
    """A team plus one login for Anna."""
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    session.commit()
    return team


@pytest.mark.parametrize(
    ("auth", "code", "message"),
    [
        pytest.param(
            None,
            "not_authenticated",
            "Bitte melden Sie sich mit Ihrem Benutzernamen und Ihrem Passwort an.",
            id="missing",
        ),
        pytest.param(
            ("anna", "falsch"),
            "invalid_credentials",
            "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
            id="wrong-password",
        ),
        pytest.param(
            ("niemand", PASSWORD),
            "invalid_credentials",
            "Benutzername oder Passwort ist falsch. Bitte versuchen Sie es noch einmal.",
            id="unknown-user",
        ),
    ],
)
def test_staff_bookings_requires_login(
    client: TestClient, team: Team, auth: tuple[str, str] | None, code: str, message: str
) -> None:
    response = client.get("/staff/bookings", auth=auth)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Basic ")
    assert response.json() == {"code": code, "message": message}


def test_staff_bookings_lists_booking_with_details(client: TestClient, team: Team) -> None:
    later = slot_id(datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN), team.ja_a, team.jc_c)
    earlier = slot_id(datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN), team.ja_b, team.jc_d)
    contact = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}
    booked = client.post("/bookings", json=booking_payload(later, contact=contact)).json()
    client.post("/bookings", json=booking_payload(earlier, children_ages=[3]))

    response = client.get("/staff/bookings", auth=("anna", PASSWORD))

    assert response.status_code == 200
    bookings = response.json()["bookings"]
    # Anna takes part only in the later consultation; the other one is not hers to see.
    assert [b["start"] for b in bookings] == ["2026-12-15T08:00:00+00:00"]
    assert bookings[0] == {
        "reference": booked["reference"],
        "status": "confirmed",
        "start": "2026-12-15T08:00:00+00:00",
        "end": "2026-12-15T09:00:00+00:00",
        "jugendamt": {"id": team.ja_a.id, "name": "Anna Test"},
        "jobcenter": {"id": team.jc_c.id, "name": "Carla Test"},
        # Staff see the place as configured, markers included.
        "location": LOCATION_NAME,
        "children_ages": [4, 7],
        "topics": ["buergergeld", "arbeitssuchend"],
        "contact": contact,
        "consent": {
            "text_version": "2026-11-01",
            "given_at": "2026-12-07T08:55:00+00:00",
            "channel": "chat",
            "text_language": "de",
        },
        "created_at": "2026-12-07T09:00:00+00:00",
        "language": None,
        "conversation_language": "de",
        "interpreter_needed": False,
        "accessibility_needed": False,
        "note": None,
        "possible_duplicate": False,
    }
