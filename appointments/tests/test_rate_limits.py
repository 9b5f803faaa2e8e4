"""Door 6: holds, bookings, callbacks and checks are rate limited per client address.

In memory for one process; in Redis when several processes share the count (a real Redis
at 127.0.0.1:6379 with an own key prefix; in CI it must be there).
"""

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from appointments.bookings.models import Hold
from appointments.config import Settings
from appointments.main import create_app
from appointments.tests.conftest import BERLIN, SERVICE_HEADERS, FrozenClock
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

REDIS_URL = os.environ.get("FL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
ROOT = Path(__file__).resolve().parents[2]
MESSAGE = (
    "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment und versuchen Sie es "
    "dann noch einmal."
)
CALLBACK = {
    "name": "Mira Beispiel",
    "phone": "05451 123456",
    "consent_version": "2026-11-01",
    "consent_given_at": "2026-12-07T09:55:00+01:00",
}

Request = Callable[[TestClient, Team], Any]
REQUESTS: dict[str, Request] = {
    "holds": lambda c, t: c.post("/holds", json={"slot_id": "20261208T0800Z-999-999"}),
    "bookings": lambda c, t: c.post("/bookings", json=booking_payload("20261208T0800Z-999-999")),
    "callbacks": lambda c, t: c.post("/callbacks", json=CALLBACK),
    "checks": lambda c, t: c.post("/bookings/FL-AAAA-BBBB/check", json={"check": "1234"}),
}


@pytest.fixture
def team(session: Session) -> Team:
    return create_team(session)


def _client(app: FastAPI, address: str) -> TestClient:
    return TestClient(
        app, raise_server_exceptions=False, headers=SERVICE_HEADERS, client=(address, 1000)
    )


@pytest.mark.parametrize("scope", list(REQUESTS))
def test_each_scope_answers_429_with_retry_after_in_german(
    settings: Settings, clock: FrozenClock, team: Team, scope: str
) -> None:
    app = create_app(settings.model_copy(update={f"rate_limit_{scope}": "2/minute"}), clock=clock)
    one, other = _client(app, "203.0.113.7"), _client(app, "198.51.100.20")
    send = REQUESTS[scope]

    first = [send(one, team).status_code for _ in range(2)]
    limited = send(one, team)

    assert 429 not in first
    assert limited.status_code == 429
    assert limited.json() == {"code": "too_many_requests", "message": MESSAGE}
    assert 0 < int(limited.headers["retry-after"]) <= 60
    # Another address is counted on its own.
    assert send(other, team).status_code != 429


def test_a_limited_hold_stores_nothing(
    settings: Settings, clock: FrozenClock, team: Team, session: Session
) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_holds": "1/minute"}), clock=clock)
    client = _client(app, "203.0.113.7")
    slot = slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c)
    assert client.post("/holds", json={"slot_id": slot}).status_code == 201
    other = slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d)
    assert client.post("/holds", json={"slot_id": other}).status_code == 429
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Hold)) == 1


def test_settings_refuse_a_malformed_limit() -> None:
    with pytest.raises(ValueError, match="rate limit"):
        Settings(rate_limit_checks="viele")


def test_documented_defaults_match_the_settings() -> None:
    example = (ROOT / "deploy" / "production.env.example").read_text(encoding="utf-8")
    for scope in ("holds", "bookings", "callbacks", "checks", "sign_in"):
        default = Settings.model_fields[f"rate_limit_{scope}"].default
        assert f"APPOINTMENTS_RATE_LIMIT_{scope.upper()}={default}\n" in example
    readme = (ROOT / "appointments" / "README.md").read_text(encoding="utf-8")
    assert "RATE_LIMIT_STORAGE" in readme


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of our own in the shared Redis; its keys are removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but Redis at {REDIS_URL} is unreachable: {type(exc).__name__}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable")
    prefix = f"fl-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
    client.close()


def test_redis_storage_shares_the_count_between_processes(
    settings: Settings, clock: FrozenClock, team: Team, redis_prefix: str
) -> None:
    shared = settings.model_copy(
        update={
            "rate_limit_storage": REDIS_URL,
            "rate_limit_prefix": redis_prefix,
            "rate_limit_callbacks": "3/minute",
        }
    )
    # Two apps stand for two API processes behind one load balancer.
    first, second = create_app(shared, clock=clock), create_app(shared, clock=clock)
    address = "203.0.113.7"

    assert _client(first, address).post("/callbacks", json=CALLBACK).status_code == 201
    assert _client(second, address).post("/callbacks", json=CALLBACK).status_code == 201
    assert _client(first, address).post("/callbacks", json=CALLBACK).status_code == 201
    limited = _client(second, address).post("/callbacks", json=CALLBACK)

    assert limited.status_code == 429 and limited.json()["code"] == "too_many_requests"
    keys = list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{redis_prefix}*"))
    assert keys, "the counts must live in Redis under our prefix"
    # The address itself is personal data: only a hash is part of the key.
    assert all(address.encode() not in key for key in keys)


def test_a_redis_outage_does_not_stop_families(
    settings: Settings, clock: FrozenClock, team: Team, caplog: pytest.LogCaptureFixture
) -> None:
    down = settings.model_copy(update={"rate_limit_storage": "redis://127.0.0.1:1/0"})
    client = _client(create_app(down, clock=clock), "203.0.113.7")
    assert client.post("/callbacks", json=CALLBACK).status_code == 201
    assert "rate_limit.storage_unavailable" in caplog.text
