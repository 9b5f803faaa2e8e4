"""Throwaway test databases: a SQLite file, or a fresh PostgreSQL schema per use."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, delete, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _postgres_base_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    in_ci = os.environ.get("CI", "").lower() == "true"
    if not url:
        if in_ci:
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests must run")
        pytest.skip(
            "PostgreSQL variant skipped: set TEST_DATABASE_URL, e.g. "
            "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """Create a uniquely named schema and yield a URL whose search_path points at it."""
    base_url = _postgres_base_url()
    schema = f"appointments_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        # A configured but unreachable server is an error (locally and in CI), never a skip.
        pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {type(exc).__name__}")
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def database_url_for(backend: str, directory: Path) -> Iterator[str]:
    """Yield the URL of an empty database of the given backend."""
    if backend == "sqlite":
        path = directory / f"appointments-{uuid.uuid4().hex[:8]}.db"
        yield f"sqlite:///{path}"
        return
    with postgres_schema() as url:
        yield url


def empty_tables(engine: Engine) -> None:
    """Delete every row, children first, so the next test starts from an empty schema."""
    from appointments.models import Base

    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))
