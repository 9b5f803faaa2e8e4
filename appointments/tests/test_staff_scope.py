"""Door 3: the staff JSON API is scoped like the workspace; calendar feeds die with the account."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_account, create_team, slot_id
from appointments.tests.workspace_support import PASSWORD, browser, post, sign_in

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
TUE_DEC_15_0900 = datetime(2026, 12, 15, 9, 0, tzinfo=BERLIN)
ANNA = ("anna", PASSWORD)
ADMIN = ("chefin", PASSWORD)


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "nologin", PASSWORD, None)
    create_account(session, "chefin", PASSWORD, team.ja_b, role="admin")
    session.commit()
    return team


@pytest.fixture
def two(client: TestClient, team: Team) -> tuple[str, str]:
    """Anna's booking (with Carla) and a booking Anna has no part in (Bernd + Dieter)."""
    own = client.post(
        "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
    )
    foreign = client.post(
        "/bookings", json=booking_payload(slot_id(TUE_DEC_15_0900, team.ja_b, team.jc_d))
    )
    return own.json()["reference"], foreign.json()["reference"]


def _refs(client: TestClient, auth: tuple[str, str], **params: object) -> list[str]:
    response = client.get("/staff/bookings", params=params, auth=auth)
    assert response.status_code == 200, response.text
    return [item["reference"] for item in response.json()["bookings"]]


def test_staff_list_only_their_own_consultations(
    client: TestClient, team: Team, two: tuple[str, str]
) -> None:
    own, foreign = two
    assert _refs(client, ANNA) == [own]
    # Asking for someone else's bookings does not widen the view.
    assert _refs(client, ANNA, staff_id=team.ja_b.id) == []
    assert _refs(client, ANNA, staff_id=team.jc_d.id, agency="jobcenter") == []
    assert _refs(client, ("nologin", PASSWORD)) == []
    assert _refs(client, ADMIN) == [own, foreign]


def test_staff_csv_holds_only_their_own_consultations(
    client: TestClient, team: Team, two: tuple[str, str]
) -> None:
    own, foreign = two
    text = client.get("/staff/bookings.csv", auth=ANNA).text.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert [row[0] for row in rows] == [own]
    admin_text = client.get("/staff/bookings.csv", auth=ADMIN).text
    assert own in admin_text and foreign in admin_text


def test_staff_change_the_status_only_of_their_own_consultations(
    client: TestClient, team: Team, two: tuple[str, str], clock: FrozenClock
) -> None:
    own, foreign = two
    body = {"status": "cancelled", "reason": "Krank"}
    refused = client.post(f"/staff/bookings/{foreign}/status", json=body, auth=ANNA)
    unknown = client.post("/staff/bookings/FL-AAAA-BBBB/status", json=body, auth=ANNA)
    # Foreign and unknown look the same: no hint that the booking exists.
    assert refused.status_code == unknown.status_code == 404
    assert refused.json() == unknown.json()
    assert client.post(f"/staff/bookings/{own}/status", json=body, auth=ANNA).status_code == 200
    admin = client.post(f"/staff/bookings/{foreign}/status", json=body, auth=ADMIN)
    assert admin.status_code == 200
    assert {
        item["status"] for item in client.get("/staff/bookings", auth=ADMIN).json()["bookings"]
    } == {"cancelled"}


def _feed_path(client: TestClient, staff_id: int) -> str:
    response = client.post(f"/admin/staff/{staff_id}/feed-token", auth=ADMIN)
    assert response.status_code == 201, response.text
    url: str = response.json()["feed_url"]
    return url.removeprefix("http://localhost:8000")


def test_a_renewed_feed_address_replaces_the_old_one(
    client: TestClient, team: Team, two: tuple[str, str]
) -> None:
    old = _feed_path(client, team.ja_a.id)
    assert client.get(old).status_code == 200
    new = _feed_path(client, team.ja_a.id)
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_the_feed_dies_with_the_account(
    client: TestClient, app: FastAPI, team: Team, two: tuple[str, str], clock: FrozenClock
) -> None:
    feed = _feed_path(client, team.ja_a.id)
    assert client.get(feed).status_code == 200
    with browser(app) as web:
        assert sign_in(web, "chefin").status_code == 303
        post(web, f"/arbeitsplatz/verwaltung/personen/{team.ja_a.id}/aktiv", active="nein")
    assert client.get(feed).status_code == 404
    # Switching the person on again does not revive the old address.
    clock.now += timedelta(minutes=1)
    with browser(app) as web:
        sign_in(web, "chefin")
        post(web, f"/arbeitsplatz/verwaltung/personen/{team.ja_a.id}/aktiv", active="ja")
    assert client.get(feed).status_code == 404
