"""Many families booking the same slot at the same moment: the database lets exactly one win."""

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.holds import confirm_hold, create_hold
from appointments.bookings.models import Booking, Occupancy
from appointments.bookings.schemas import BookingCreate, BookingDetails
from appointments.bookings.service import create_booking
from appointments.config import Settings
from appointments.db import make_engine, make_session_factory
from appointments.errors import AppointmentsError
from appointments.tests.conftest import BERLIN, FROZEN_NOW
from appointments.tests.factories import booking_payload, create_team, details_payload, slot_id

THREADS = 50
START = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)


@pytest.fixture
def session_factory(
    session_factory: sessionmaker[Session], database_url: str
) -> Iterator[sessionmaker[Session]]:
    """Sessions from an engine with one connection per thread, so all 50 really race."""
    engine = make_engine(database_url, pool_size=THREADS, max_overflow=0)
    yield make_session_factory(engine)
    engine.dispose()


def _race(
    session_factory: sessionmaker[Session], requests: list[object], call: Callable[..., object]
) -> list[str]:
    """Run `call(session, request)` in THREADS threads released at once; return outcomes."""
    barrier = threading.Barrier(len(requests))

    def run(request: object) -> str:
        # Each thread has its own session and therefore its own connection and transaction.
        with session_factory() as own_session:
            barrier.wait()
            try:
                result = call(own_session, request)
            except AppointmentsError as exc:
                return f"{exc.status}:{exc.code}"
            return f"201:{result.booking.reference}"

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(run, requests))


def _counts(session: Session) -> tuple[int, int]:
    session.expire_all()
    bookings = session.scalar(select(func.count()).select_from(Booking)) or 0
    occupancies = session.scalar(select(func.count()).select_from(Occupancy)) or 0
    return bookings, occupancies


def test_concurrent_bookings_of_one_slot_yield_exactly_one_success(
    session: Session, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    team = create_team(session)
    # Half the threads take another partner: they still collide on Anna's occupancy.
    requests: list[object] = [
        BookingCreate.model_validate(
            booking_payload(slot_id(START, team.ja_a, team.jc_c if i % 2 else team.jc_d))
        )
        for i in range(THREADS)
    ]

    outcomes = _race(
        session_factory,
        requests,
        lambda s, data: create_booking(s, settings, FROZEN_NOW, data),
    )

    assert sum(o.startswith("201:") for o in outcomes) == 1
    assert outcomes.count("409:slot_taken") == THREADS - 1
    assert _counts(session) == (1, 2)


def test_concurrent_confirmations_of_one_hold_yield_exactly_one_success(
    session: Session, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    team = create_team(session)
    hold = create_hold(session, settings, FROZEN_NOW, slot_id(START, team.ja_a, team.jc_c))
    requests: list[object] = [
        BookingDetails.model_validate(details_payload()) for _ in range(THREADS)
    ]

    outcomes = _race(
        session_factory,
        requests,
        lambda s, data: confirm_hold(s, settings, FROZEN_NOW, hold.id, data),
    )

    assert sum(o.startswith("201:") for o in outcomes) == 1
    assert outcomes.count("409:hold_already_confirmed") == THREADS - 1
    assert _counts(session) == (1, 2)


def test_concurrent_holds_and_bookings_of_one_slot_yield_exactly_one_winner(
    session: Session, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    team = create_team(session)
    slot = slot_id(START, team.ja_a, team.jc_c)

    def hold_or_book(s: Session, index: object) -> object:
        if int(str(index)) % 2:
            return create_hold(s, settings, FROZEN_NOW, slot)
        data = BookingCreate.model_validate(booking_payload(slot))
        return create_booking(s, settings, FROZEN_NOW, data)

    barrier = threading.Barrier(THREADS)

    def run(index: int) -> str:
        with session_factory() as own_session:
            barrier.wait()
            try:
                hold_or_book(own_session, index)
            except AppointmentsError as exc:
                return exc.code
            return "won"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(run, range(THREADS)))

    assert outcomes.count("won") == 1
    assert outcomes.count("slot_taken") == THREADS - 1
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Occupancy)) == 2


def test_concurrent_retries_with_one_idempotency_key_create_one_booking(
    session: Session, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    team = create_team(session)
    data = BookingCreate.model_validate(booking_payload(slot_id(START, team.ja_a, team.jc_c)))
    requests: list[object] = [data] * THREADS

    outcomes = _race(
        session_factory,
        requests,
        lambda s, body: create_booking(s, settings, FROZEN_NOW, body, "chat-retry-key-1"),
    )

    assert len(set(outcomes)) == 1
    assert outcomes[0].startswith("201:")
    assert _counts(session) == (1, 2)
