"""Many families booking the same slot at the same moment: the database lets exactly one win."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from appointments.bookings.exceptions import SlotTakenError
from appointments.bookings.models import Booking, Occupancy
from appointments.bookings.schemas import BookingCreate
from appointments.bookings.service import create_booking
from appointments.config import Settings
from appointments.tests.conftest import BERLIN, FROZEN_NOW
from appointments.tests.factories import booking_payload, create_team, slot_id

THREADS = 30


def test_concurrent_bookings_of_one_slot_yield_exactly_one_success(
    session: Session, session_factory: sessionmaker[Session], settings: Settings
) -> None:
    team = create_team(session)
    start = datetime(2026, 12, 8, 9, 0, tzinfo=BERLIN)
    # Half the threads take another partner: they still collide on Anna's occupancy.
    requests = [
        BookingCreate.model_validate(
            booking_payload(slot_id(start, team.ja_a, team.jc_c if i % 2 else team.jc_d))
        )
        for i in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)

    def book(data: BookingCreate) -> str:
        # Each thread has its own session and therefore its own connection and transaction.
        with session_factory() as own_session:
            barrier.wait()
            try:
                create_booking(own_session, settings, FROZEN_NOW, data)
            except SlotTakenError:
                return "taken"
            return "booked"

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(book, requests))

    assert outcomes.count("booked") == 1
    assert outcomes.count("taken") == THREADS - 1
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(Booking)) == 1
    assert session.scalar(select(func.count()).select_from(Occupancy)) == 2
