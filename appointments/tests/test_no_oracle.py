"""Door 4: no answer tells whether another booking exists for a phone number or e-mail."""

import time
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.bookings.models import Booking
from appointments.config import Settings
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    Team,
    booking_payload,
    create_account,
    create_team,
    details_payload,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
VICTIM = {"name": "Mira Beispiel", "phone": "05451 123456", "email": "mira@example.org"}
# Same phone as the victim, the prober's own address: they must learn nothing.
PROBER = {"name": "Max Probe", "phone": "05451/12 34 56", "email": "probe@example.net"}
STRANGER = {"name": "Max Probe", "phone": "05451 999999", "email": "probe@example.net"}


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "chefin", "richtig-geheim", None, role="admin")
    session.commit()
    return team


def _shape(body: dict[str, Any]) -> dict[str, Any]:
    """What a response reveals apart from its own random reference and token."""
    return {
        key: value
        for key, value in body.items()
        if key not in {"reference", "manage_token", "manage_url", "start", "end"}
    }


def _mails(mail_dir: Path, to: str) -> list[EmailMessage]:
    messages = [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(mail_dir.glob("*.eml"))
    ]
    return [m for m in messages if to in m["To"]]  # type: ignore[misc]


@pytest.mark.parametrize("route", ["bookings", "holds"])
def test_second_booking_for_the_same_phone_looks_like_any_other(
    client: TestClient, team: Team, session: Session, settings: Settings, route: str
) -> None:
    first = client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=VICTIM),
    ).json()

    def book(contact: dict[str, str], ja: Any, jc: Any) -> Any:
        slot = slot_id(TUE_DEC_15_0900, ja, jc)
        if route == "bookings":
            return client.post("/bookings", json=booking_payload(slot, contact=contact))
        hold = client.post("/holds", json={"slot_id": slot}).json()
        return client.post(f"/holds/{hold['id']}/confirm", json=details_payload(contact=contact))

    probe = book(PROBER, team.ja_b, team.jc_d)
    session.expire_all()
    probe_booking = session.scalars(
        select(Booking).where(Booking.contact_name == "Max Probe")
    ).one()
    session.delete(probe_booking)  # free the slot again for the comparison booking
    session.commit()
    stranger = book(STRANGER, team.ja_b, team.jc_d)

    assert probe.status_code == stranger.status_code == 201
    assert _shape(probe.json()) == _shape(stranger.json())
    # The earlier family is told at their own address; the prober's mails say nothing.
    deadline = time.monotonic() + 5
    while len(_mails(settings.mail_dir, VICTIM["email"])) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    notices = [
        m
        for m in _mails(settings.mail_dir, VICTIM["email"])
        if m["Subject"] == "Ein weiterer Termin mit Ihren Kontaktdaten"
    ]
    assert len(notices) == 1
    notice = notices[0]
    assert first["reference"] in notice.get_content()
    # Written for the family: how the address comes, never the staff's to-do.
    assert "Die genaue Adresse steht noch nicht fest." in notice.get_content()
    assert "Bitte schicken Sie sie der Familie" not in notice.get_content()
    prober_mails = _mails(settings.mail_dir, "probe@example.net")
    assert prober_mails and all("weiterer" not in m["Subject"] for m in prober_mails)
    for message in prober_mails:
        body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert first["reference"] not in body and "weiterer" not in body


def test_possible_duplicates_are_flagged_for_staff(
    client: TestClient, team: Team, session: Session
) -> None:
    first = client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=VICTIM),
    ).json()
    same_mail = {"name": "Mira B.", "email": "MIRA@example.org"}
    second = client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d), contact=same_mail),
    ).json()

    listed = client.get("/staff/bookings", auth=("chefin", "richtig-geheim")).json()["bookings"]
    flags = {item["reference"]: item["possible_duplicate"] for item in listed}
    assert flags == {first["reference"]: True, second["reference"]: True}


def test_a_new_family_is_not_flagged(client: TestClient, team: Team, session: Session) -> None:
    client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=VICTIM),
    )
    client.post(
        "/bookings",
        json=booking_payload(slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d), contact=STRANGER),
    )
    session.expire_all()
    assert [b.possible_duplicate for b in session.scalars(select(Booking))] == [False, False]


def test_occupancy_is_checked_before_anything_contact_related(
    client: TestClient, team: Team
) -> None:
    taken = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    client.post("/bookings", json=booking_payload(taken, contact=VICTIM))

    with_victims_phone = client.post("/bookings", json=booking_payload(taken, contact=PROBER))
    with_new_phone = client.post("/bookings", json=booking_payload(taken, contact=STRANGER))

    assert with_victims_phone.status_code == with_new_phone.status_code == 409
    assert with_victims_phone.json() == with_new_phone.json()
    assert with_new_phone.json()["code"] == "slot_taken"
