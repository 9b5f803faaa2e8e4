"""Erasure of personal data: `cli purge` after the retention period, `cli forget`, admin."""

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking, Hold, IdempotencyRecord, Occupancy
from appointments.cli import main
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FROZEN_NOW, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_account, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
CONTACT = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}


@pytest.fixture
def team(session: Session) -> Team:
    """A team and an admin login."""
    team = create_team(session)
    create_account(session, "chefin", "richtig-geheim", None, role="admin")
    session.commit()
    return team


def _book(client: TestClient, start: datetime, team: Team, **kw: Any) -> dict[str, Any]:
    slot = slot_id(start, team.ja_a, team.jc_c)
    response = client.post("/bookings", json=booking_payload(slot, **kw))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _stored(session: Session, reference: str) -> Booking:
    session.expire_all()
    return session.scalars(select(Booking).where(Booking.reference == reference)).one()


def _assert_erased(booking: Booking) -> None:
    assert booking.contact_name == "gelöscht"
    assert booking.contact_phone is None and booking.contact_email is None
    assert booking.topics == [] and booking.manage_token_hash is None
    assert booking.anonymised_at is not None


def test_purge_erases_only_bookings_past_retention(
    client: TestClient,
    team: Team,
    session: Session,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old = _book(client, TUE_DEC_8_0900, team, contact=CONTACT)
    recent = _book(client, TUE_DEC_15_0900, team)
    retried = booking_payload(slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d))
    client.post("/bookings", json=retried, headers={"Idempotency-Key": "retry-key-123"})
    client.post("/holds", json={"slot_id": slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d)})
    settings.retention_days = 90
    # 90 days after the first appointment ended, but not after the second one.
    later = FrozenClock(TUE_DEC_8_0900 + timedelta(days=90, hours=2))

    assert main(["purge"], settings=settings, clock=later) == 0

    assert "1 Buchung(en)" in capsys.readouterr().out
    erased = _stored(session, old["reference"])
    _assert_erased(erased)
    # Statistics stay: status, time, staff, children's ages.
    assert erased.status == "confirmed"
    assert erased.start_utc == TUE_DEC_8_0900
    assert erased.children_ages == [4, 7]
    assert _stored(session, recent["reference"]).anonymised_at is None
    assert session.scalars(select(Hold)).all() == []  # expired holds are removed too
    assert session.scalars(select(IdempotencyRecord)).all() == []
    assert main(["purge"], settings=settings, clock=later) == 0
    assert "0 Buchung(en)" in capsys.readouterr().out


def test_forget_cli_erases_one_family_and_frees_slot(
    client: TestClient, team: Team, session: Session, settings: Settings
) -> None:
    booked = _book(client, TUE_DEC_8_0900, team, contact=CONTACT)

    code = main(
        ["forget", "--reference", booked["reference"].lower()],
        settings=settings,
        clock=FrozenClock(FROZEN_NOW),
    )

    assert code == 0
    stored = _stored(session, booked["reference"])
    _assert_erased(stored)
    assert stored.status == "cancelled"
    assert session.scalars(select(Occupancy)).all() == []
    view = client.get(f"/bookings/{booked['reference']}", params={"token": booked["manage_token"]})
    assert view.status_code == 404


def test_forget_cli_unknown_reference_fails_in_german(
    team: Team, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["forget", "--reference", "FL-AAAA-BBBB"], settings=settings) == 1
    assert "Wir haben keine Buchung" in capsys.readouterr().err


def test_forget_admin_endpoint(client: TestClient, team: Team, session: Session) -> None:
    booked = _book(client, TUE_DEC_8_0900, team, contact=CONTACT)

    response = client.post(
        f"/admin/bookings/{booked['reference']}/forget", auth=("chefin", "richtig-geheim")
    )

    assert response.status_code == 200
    assert response.json()["reference"] == booked["reference"]
    _assert_erased(_stored(session, booked["reference"]))
    staff_view = client.get("/staff/bookings", auth=("chefin", "richtig-geheim")).json()
    assert staff_view["bookings"][0]["contact"] == {
        "name": "gelöscht",
        "phone": None,
        "email": None,
    }
