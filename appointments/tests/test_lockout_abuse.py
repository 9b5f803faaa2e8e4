"""Door 5 and door 3: locks that stop guessing without locking the rightful person out.

Check values: a family locked out by someone else still manages through the e-mailed link.
Sign-in: one password tried across many names from one address is locked; a lock made from
one address does not keep an admin out at another; HTTP Basic counts towards the same locks.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from appointments.config import Settings
from appointments.main import create_app
from appointments.tests.conftest import BERLIN, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_account, create_team, slot_id
from appointments.tests.workspace_support import PASSWORD, sign_in

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
ATTACKER = ("203.0.113.7", 40000)
OFFICE = ("198.51.100.20", 40000)


@pytest.fixture
def team(session: Session) -> Team:
    team = create_team(session)
    create_account(session, "anna", PASSWORD, team.ja_a)
    create_account(session, "chefin", PASSWORD, None, role="admin")
    session.commit()
    return team


@contextmanager
def browser_at(app: FastAPI, address: tuple[str, int]) -> Iterator[TestClient]:
    """A browser at one client address."""
    with TestClient(
        app,
        base_url="https://testserver",
        raise_server_exceptions=False,
        follow_redirects=False,
        client=address,
    ) as client:
        yield client


class TestCheckLockout:
    def test_a_family_locked_out_by_someone_else_manages_through_the_mailed_link(
        self, client: TestClient, app: FastAPI, team: Team
    ) -> None:
        contact = {"name": "Mira Beispiel", "phone": "05451 123456"}
        booked = client.post(
            "/bookings",
            json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c), contact=contact),
        ).json()
        reference, token = booked["reference"], booked["manage_token"]
        stranger = TestClient(app, raise_server_exceptions=False, client=ATTACKER)
        for _ in range(5):
            stranger.post(f"/bookings/{reference}/check", json={"check": "0000"})
        locked = stranger.post(f"/bookings/{reference}/check", json={"check": "3456"})
        assert locked.status_code == 429
        assert "Link in Ihrer Bestätigungs-E-Mail" in locked.json()["message"]

        family = TestClient(app, raise_server_exceptions=False, client=OFFICE)
        assert family.get(f"/bookings/{reference}", params={"token": token}).status_code == 200
        page = family.get(f"/termin/{reference}", params={"token": token})
        assert page.status_code == 200
        cancelled = family.post(f"/bookings/{reference}/cancel", params={"token": token})
        assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"


class TestSignInLocks:
    def test_one_password_across_many_names_locks_the_address(
        self, app: FastAPI, team: Team
    ) -> None:
        with browser_at(app, ATTACKER) as attacker:
            outcomes = [
                sign_in(attacker, f"person{n}", "Sommer2026!").status_code for n in range(20)
            ]
            assert outcomes[:19] == [401] * 19 and outcomes[19] == 429
            # Even a right password from that address waits now.
            assert sign_in(attacker, "anna", PASSWORD).status_code == 429
        with browser_at(app, OFFICE) as office:
            assert sign_in(office, "anna", PASSWORD).status_code == 303

    def test_a_lock_from_elsewhere_does_not_keep_the_admin_out(
        self, app: FastAPI, team: Team, clock: FrozenClock
    ) -> None:
        with browser_at(app, ATTACKER) as attacker:
            for attempt in range(5):
                sign_in(attacker, "chefin", f"falsch-{attempt}")
            assert sign_in(attacker, "chefin", PASSWORD).status_code == 429
            # Renewing the lock every quarter hour keeps only the attacker's address locked.
            clock.now += timedelta(minutes=16)
            for attempt in range(5):
                sign_in(attacker, "chefin", f"wieder-{attempt}")
        with browser_at(app, OFFICE) as office:
            assert sign_in(office, "chefin", PASSWORD).status_code == 303

    def test_basic_auth_counts_towards_the_workspace_lock_and_back(
        self, app: FastAPI, team: Team
    ) -> None:
        api = TestClient(app, raise_server_exceptions=False, client=ATTACKER)
        for attempt in range(4):
            failed = api.get("/staff/bookings", auth=("anna", f"falsch-{attempt}"))
            assert failed.status_code == 401
        with browser_at(app, ATTACKER) as web:
            assert sign_in(web, "anna", "falsch-5").status_code == 429  # the fifth failure
        locked = api.get("/staff/bookings", auth=("anna", PASSWORD))
        assert locked.status_code == 429
        assert locked.json()["code"] == "too_many_attempts"
        assert locked.headers["retry-after"] == "900"

    def test_basic_auth_failures_are_rate_limited_per_address(
        self, app: FastAPI, team: Team
    ) -> None:
        api = TestClient(app, raise_server_exceptions=False, client=ATTACKER)
        codes = [
            api.get("/staff/bookings", auth=(f"name{n}", "falsch")).status_code for n in range(25)
        ]
        # The address lock (20 failures) and the rate limit (20/minute) both stop it here.
        assert 401 in codes and codes[-1] == 429
        assert codes.count(401) <= 20


def test_sign_in_form_is_rate_limited_per_address(
    settings: Settings, clock: FrozenClock, team: Team
) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_sign_in": "3/minute"}), clock=clock)
    with browser_at(app, ATTACKER) as web:
        codes = [sign_in(web, f"name{n}", "falsch").status_code for n in range(3)]
        limited = sign_in(web, "anna", PASSWORD)
    assert codes == [401, 401, 401]
    assert limited.status_code == 429
    assert "Zu viele Anmeldeversuche von dieser Verbindung" in limited.text
    assert 0 < int(limited.headers["retry-after"]) <= 60
    with browser_at(app, OFFICE) as office:
        assert sign_in(office, "anna", PASSWORD).status_code == 303
