"""PostgreSQL drops every connection (restart, failover): the API recovers by itself.

`pg_terminate_backend` ends the API's pooled server connections as a restart would; the
next requests must succeed without a restart of the API (pool pre-ping), and no
confirmed booking may be lost.
"""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from appointments.tests.conftest import BERLIN
from appointments.tests.databases import database_url_for
from appointments.tests.factories import Team, booking_payload, create_team, slot_id

TUE_DEC_8_0900 = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
APP_NAME = "fl-recovery-test"


@pytest.fixture(
    scope="module", params=[pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres)]
)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Only PostgreSQL: SQLite has no server whose connections could be dropped."""
    directory: Path = tmp_path_factory.mktemp("db")
    with database_url_for(request.param, directory) as url:
        # Named, so that only these connections are ended, not the fixture's admin one.
        yield (
            make_url(url)
            .update_query_dict({"application_name": APP_NAME})
            .render_as_string(hide_password=False)
        )


@pytest.fixture
def team(session: Session) -> Team:
    return create_team(session)


def _terminate_api_connections(database_url: str) -> int:
    url = make_url(database_url)
    admin = create_engine(url.set(query={}), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            ended = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = :name"
                ),
                {"name": APP_NAME},
            ).scalar_one()
    finally:
        admin.dispose()
    return int(ended)


@pytest.fixture
def api(client: TestClient) -> Iterator[TestClient]:
    yield client


def test_api_recovers_after_postgres_drops_every_connection(
    api: TestClient, team: Team, database_url: str
) -> None:
    first = api.post(
        "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_a, team.jc_c))
    )
    assert first.status_code == 201, first.text

    assert _terminate_api_connections(database_url) >= 1

    # The very next requests work: dead pooled connections are replaced, not used.
    second = api.post(
        "/bookings", json=booking_payload(slot_id(TUE_DEC_8_0900, team.ja_b, team.jc_d))
    )
    assert second.status_code == 201, second.text
    assert api.get("/healthz").status_code == 200
    booked = first.json()
    mine = api.get(f"/bookings/{booked['reference']}", params={"token": booked["manage_token"]})
    assert mine.status_code == 200 and mine.json()["status"] == "confirmed"
