"""Migrations from an empty database, model/migration parity, CLI seed idempotency."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import inspect, select, text, update

from appointments.cli import main
from appointments.config import Settings
from appointments.db import make_engine
from appointments.main import create_app
from appointments.models import Base, StaffAccount
from appointments.production import settings_problems
from appointments.security import hash_password, verify_password
from appointments.tests.conftest import FrozenClock
from appointments.tests.databases import BACKENDS, database_url_for

SEED_FILE = Path(__file__).resolve().parents[1] / "seed" / "demo.yml"
HEAD_REVISION = "2026_12_06_callback_consent_language"


@pytest.fixture(params=BACKENDS)
def empty_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for a brand-new, empty database."""
    with database_url_for(request.param, tmp_path) as url:
        yield Settings(database_url=url, environment="test", seed_file=SEED_FILE)


def _snapshot(settings: Settings) -> dict[str, list[tuple[object, ...]]]:
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            return {
                table.name: [
                    tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def test_migrate_from_empty_matches_models(empty_settings: Settings) -> None:
    assert main(["migrate"], settings=empty_settings) == 0
    assert main(["migrate"], settings=empty_settings) == 0  # already at head: no-op

    engine = make_engine(empty_settings.database_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert {table.name for table in Base.metadata.sorted_tables} <= tables
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == HEAD_REVISION
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_seed_is_idempotent_and_yields_joint_slots(empty_settings: Settings) -> None:
    main(["migrate"], settings=empty_settings)
    main(["seed"], settings=empty_settings)
    first = _snapshot(empty_settings)
    main(["seed"], settings=empty_settings)

    assert _snapshot(empty_settings) == first
    assert len(first["agencies"]) == 2
    assert len(first["staff"]) == 4
    assert len(first["staff_accounts"]) == 5  # four staff logins and one maintainer login

    with TestClient(create_app(empty_settings, clock=FrozenClock())) as client:
        slots = client.get("/slots", params={"limit": 20}).json()["slots"]
        assert len(slots) == 20
        assert len({slot["start"] for slot in slots}) == 20
        assert slots[0]["location"] == "Familienbüro der Stadt Ibbenbüren"
        assert (
            client.get("/staff/bookings", auth=("demo.musterfrau", "demo-passwort")).status_code
            == 200
        )


def test_seed_stores_only_password_hashes(empty_settings: Settings) -> None:
    main(["migrate"], settings=empty_settings)
    main(["seed"], settings=empty_settings)
    engine = make_engine(empty_settings.database_url)
    try:
        with engine.connect() as conn:
            hashes = conn.execute(select(StaffAccount.password_hash)).scalars().all()
    finally:
        engine.dispose()
    assert hashes and all(verify_password("demo-passwort", h) for h in hashes)
    assert not any("demo-passwort" in h for h in hashes)


def test_seeding_again_keeps_a_changed_password(empty_settings: Settings) -> None:
    main(["migrate"], settings=empty_settings)
    main(["seed"], settings=empty_settings)
    engine = make_engine(empty_settings.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                update(StaffAccount)
                .where(StaffAccount.username == "demo.musterfrau")
                .values(password_hash=hash_password("selbst-gewaehltes-passwort"))
            )
        main(["seed"], settings=empty_settings)
        with engine.connect() as conn:
            stored = conn.execute(
                select(StaffAccount.password_hash).where(StaffAccount.username == "demo.musterfrau")
            ).scalar_one()
    finally:
        engine.dispose()
    assert verify_password("selbst-gewaehltes-passwort", stored)


def test_production_refuses_demo_data(empty_settings: Settings) -> None:
    # Demo logins (and their password) never reach a production database: the seed command
    # refuses the demo file, and the start-up check names it (see test_production.py).
    production = empty_settings.model_copy(update={"environment": "production"})
    with pytest.raises(SystemExit, match="Demo-Daten"):
        main(["seed"], settings=production)
    assert any(p.startswith("APPOINTMENTS_SEED_FILE") for p in settings_problems(production))


def test_migrations_downgrade_and_upgrade_again(empty_settings: Settings) -> None:
    from alembic import command

    from appointments.cli import alembic_config

    config = alembic_config(empty_settings.database_url)
    main(["migrate"], settings=empty_settings)
    main(["seed"], settings=empty_settings)
    # Down and up again with seeded rows (batch mode recreates referenced tables).
    before = _snapshot(empty_settings)
    command.downgrade(config, "2026_11_25_create_schema")
    main(["migrate"], settings=empty_settings)
    after = _snapshot(empty_settings)
    # The role column is dropped on downgrade and comes back with its default.
    assert [row[:5] for row in after["staff_accounts"]] == [
        row[:5] for row in before["staff_accounts"]
    ]
    assert after["availability_windows"] == before["availability_windows"]
    command.downgrade(config, "base")
    main(["migrate"], settings=empty_settings)
    engine = make_engine(empty_settings.database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_seed_has_one_admin_and_staff_emails(empty_settings: Settings) -> None:
    main(["migrate"], settings=empty_settings)
    main(["seed"], settings=empty_settings)
    snapshot = _snapshot(empty_settings)
    engine = make_engine(empty_settings.database_url)
    try:
        with engine.connect() as conn:
            roles = conn.execute(select(StaffAccount.role)).scalars().all()
    finally:
        engine.dispose()
    assert sorted(roles) == ["admin", "maintainer", "staff", "staff", "staff"]
    assert len(snapshot["staff"]) == 4
