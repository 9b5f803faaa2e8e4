"""Fixtures: one database per backend and module, clean tables per test, a frozen clock."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from appointments.config import DEFAULT_SERVICE_TOKEN, Settings
from appointments.db import make_engine, make_session_factory
from appointments.main import create_app
from appointments.models import Base
from appointments.tests.databases import BACKENDS, database_url_for, empty_tables

BERLIN = ZoneInfo("Europe/Berlin")
# What the action server sends; holds, bookings and callbacks need it (see test_service_token).
SERVICE_HEADERS = {"Authorization": f"Bearer {DEFAULT_SERVICE_TOKEN}"}
# A Monday, so tests do not depend on today's weekday; LEAD_DAYS=1 makes Tuesday the first day.
FROZEN_NOW = datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN)


class FrozenClock:
    """A clock tests can set."""

    def __init__(self, now: datetime = FROZEN_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Yield an empty database (SQLite file or fresh PostgreSQL schema) per test module."""
    directory: Path = tmp_path_factory.mktemp("db")
    with database_url_for(request.param, directory) as url:
        yield url


@pytest.fixture(scope="module")
def engine(database_url: str) -> Iterator[Engine]:
    """Create the schema from the models once per module."""
    engine = make_engine(database_url)
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """Yield a session factory and empty every table after the test."""
    yield make_session_factory(engine)
    empty_tables(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for arranging data and checking results."""
    with session_factory() as session:
        yield session


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Settings pointing at the test database, with the documented defaults."""
    return Settings(
        database_url=database_url,
        mail_dir=tmp_path / "mail",
        environment="test",
        timezone="Europe/Berlin",
        slot_minutes=60,
        lead_days=1,
        horizon_days=28,
        # No worker in unit tests: the API delivers the outbox right after its commit.
        queue_url="memory://",
    )


@pytest.fixture
def clock() -> FrozenClock:
    """The frozen clock injected into the app."""
    return FrozenClock()


@pytest.fixture
def app(settings: Settings, clock: FrozenClock, session_factory: sessionmaker[Session]) -> FastAPI:
    """The app under test, on the test database with the frozen clock."""
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """HTTP client of the action server (service token); server errors become 500 responses."""
    with TestClient(app, raise_server_exceptions=False, headers=SERVICE_HEADERS) as client:
        yield client
