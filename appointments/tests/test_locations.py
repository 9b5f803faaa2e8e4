"""Location kinds: GET /slots?kind=, `location_kind`, phone slots bookable, seed locations."""

from datetime import datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from appointments.availability.models import Location
from appointments.availability.slot_id import parse_slot_id
from appointments.bookings.models import Booking
from appointments.seed.loader import apply_seed, load_seed_file
from appointments.tests.conftest import BERLIN
from appointments.tests.factories import (
    FAMILY_LOCATION,
    booking_payload,
    create_team,
    details_payload,
    slot_id,
)

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
PHONE_NAME = "Telefonberatung (Test)"
SEED_FILE = Path(__file__).resolve().parents[1] / "seed" / "demo.yml"


def _phone_location(session: Session) -> Location:
    location = Location(code="telefon", name=PHONE_NAME, kind="phone")
    session.add(location)
    session.commit()
    return location


def _slots(client: TestClient, **params: object) -> list[dict[str, object]]:
    response = client.get("/slots", params={"limit": 20, **params})
    assert response.status_code == 200, response.text
    slots: list[dict[str, object]] = response.json()["slots"]
    return slots


def test_default_kind_is_in_person_with_unchanged_ids(client: TestClient, session: Session) -> None:
    team = create_team(session)
    _phone_location(session)
    slots = _slots(client)
    assert slots and {s["location_kind"] for s in slots} == {"in_person"}
    assert {s["location"] for s in slots} == {FAMILY_LOCATION}
    assert slots[0]["id"] == slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    assert _slots(client, kind="in_person") == slots


def test_phone_slots_are_bookable(client: TestClient, session: Session) -> None:
    create_team(session)
    _phone_location(session)
    slots = _slots(client, kind="phone")
    assert slots and {s["location_kind"] for s in slots} == {"phone"}
    assert {s["location"] for s in slots} == {PHONE_NAME}
    assert str(slots[0]["id"]).endswith("-phone")

    booked = client.post("/bookings", json=booking_payload(slots[0]["id"]))
    assert booked.status_code == 201, booked.text
    assert booked.json()["location"] == PHONE_NAME
    hold = client.post("/holds", json={"slot_id": slots[1]["id"]})
    assert hold.status_code == 201, hold.text
    assert hold.json()["location"] == PHONE_NAME
    confirmed = client.post(f"/holds/{hold.json()['id']}/confirm", json=details_payload())
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["location"] == PHONE_NAME
    # The same staff are now busy: the in-person slot at that time is gone as well.
    in_person = {(s["start"], s["jugendamt"]["id"]) for s in _slots(client)}  # type: ignore[index]
    assert (slots[0]["start"], slots[0]["jugendamt"]["id"]) not in in_person  # type: ignore[index]


def test_kind_without_location_gives_no_slots(client: TestClient, session: Session) -> None:
    create_team(session)
    assert client.get("/slots", params={"kind": "video"}).json() == {"slots": []}


def test_unknown_kind_is_german_422(client: TestClient, session: Session) -> None:
    create_team(session)
    response = client.get("/slots", params={"kind": "brief"})
    assert response.status_code == 422
    assert "nicht zulässig" in response.text


def test_phone_slot_id_without_phone_location_is_unavailable(
    client: TestClient, session: Session
) -> None:
    team = create_team(session)
    phone_id = f"{slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)}-phone"
    assert parse_slot_id(phone_id) is not None
    response = client.post("/bookings", json=booking_payload(phone_id))
    assert response.status_code == 422
    assert response.json()["code"] == "slot_unavailable"
    assert session.scalars(select(Booking)).all() == []


def test_demo_seed_has_in_person_and_phone_location(session: Session) -> None:
    seed = load_seed_file(SEED_FILE)
    apply_seed(session, seed, "demo-passwort")
    apply_seed(session, seed, "demo-passwort")  # idempotent
    locations = session.scalars(select(Location).order_by(Location.id)).all()
    assert [(loc.code, loc.kind) for loc in locations] == [
        ("familienbuero", "in_person"),
        ("telefon", "phone"),
    ]
    office = locations[0]
    # The display text carries nothing unconfirmed; the unknown address stays empty.
    assert office.name == FAMILY_LOCATION
    assert office.address is None
    assert office.step_free is None  # unknown, not guessed
    assert locations[1].address is None


def test_slot_id_kind_suffix() -> None:
    key = parse_slot_id("20261215T0800Z-1-2-phone")
    assert key is not None and key.kind == "phone"
    plain = parse_slot_id("20261215T0800Z-1-2")
    assert plain is not None and plain.kind == "in_person"
    assert parse_slot_id("20261215T0800Z-1-2-brief") is None
