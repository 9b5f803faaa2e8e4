"""The client's check-based manage methods and callback requests against the real API."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from actions.clients.appointments import (
    AppointmentsClient,
    Booking,
    BookingRequest,
    CallbackRequest,
)
from actions.errors import (
    BookingNotChangeable,
    BookingNotFound,
    BookingRejected,
    SlotTaken,
    TooManyAttempts,
)
from tests.actions.conftest import STAFF_AUTH, ApiServer

NOW = datetime.now(timezone.utc)


def _phone() -> str:
    # One upcoming booking per phone number: every test books with its own number.
    return f"0171 {random.randint(1000000, 9999999)}"


async def _book(client: AppointmentsClient, phone: str, email: str | None = None) -> Booking:
    # Slots are shared with other test modules on the session API: try until one is free.
    for slot in await client.list_slots(limit=20):
        request = BookingRequest(
            slot_id=slot.id,
            children_ages=[5],
            topics=[],
            name="Mira Beispiel",
            phone=phone,
            email=email,
            consent_version="2026-11-01",
            consent_given_at=NOW,
        )
        try:
            return await client.create_booking(request, key=f"test-{phone}-{slot.id}")
        except SlotTaken:
            continue
    raise AssertionError("no free slot")


@pytest.fixture
def client(api_server: ApiServer) -> AppointmentsClient:
    return AppointmentsClient(base_url=api_server.url)


async def test_check_by_phone_digits_and_email(client: AppointmentsClient) -> None:
    phone = _phone()
    booked = await _book(client, phone, email="mira.check@example.org")

    by_phone = await client.check_booking(booked.reference, phone[-4:])
    by_email = await client.check_booking(booked.reference.lower(), " Mira.Check@Example.org ")

    assert by_phone == by_email
    assert by_phone.reference == booked.reference
    assert by_phone.start == booked.start and by_phone.location == booked.location
    assert by_phone.status == "confirmed"


async def test_wrong_check_and_unknown_reference_raise_not_found(
    client: AppointmentsClient,
) -> None:
    phone = _phone()
    booked = await _book(client, phone)
    wrong = "0000" if phone[-4:] != "0000" else "1111"

    with pytest.raises(BookingNotFound) as wrong_check:
        await client.check_booking(booked.reference, wrong)
    with pytest.raises(BookingNotFound) as unknown:
        await client.check_booking("FL-AAAA-BBBB", phone[-4:])

    assert wrong_check.value.message == unknown.value.message
    assert wrong_check.value.status == 404
    assert isinstance(wrong_check.value, BookingRejected)


async def test_reference_cannot_change_the_path(client: AppointmentsClient) -> None:
    # Quoted, "../slots?x=" stays one path segment: no route matches, nothing else is called.
    with pytest.raises(BookingRejected) as rejected:
        await client.check_booking("../slots?x=", "1234")
    assert rejected.value.status == 404


async def test_five_wrong_checks_lock(client: AppointmentsClient) -> None:
    phone = _phone()
    booked = await _book(client, phone)
    wrong = "0000" if phone[-4:] != "0000" else "1111"
    for _ in range(5):
        with pytest.raises(BookingNotFound):
            await client.check_booking(booked.reference, wrong)

    with pytest.raises(TooManyAttempts) as locked:
        await client.check_booking(booked.reference, phone[-4:])

    assert locked.value.status == 429
    assert locked.value.message.startswith("Zu viele Versuche.")


async def test_cancel_by_check(client: AppointmentsClient) -> None:
    phone = _phone()
    booked = await _book(client, phone)

    cancelled = await client.cancel_by_check(booked.reference, phone[-4:])

    assert cancelled.status == "cancelled"
    with pytest.raises(BookingNotChangeable) as again:
        await client.cancel_by_check(booked.reference, phone[-4:])
    assert again.value.status == 409


async def test_reschedule_by_check(client: AppointmentsClient) -> None:
    phone = _phone()
    booked = await _book(client, phone)
    other = next(s for s in await client.list_slots(limit=20) if s.start != booked.start)

    moved = await client.reschedule_by_check(booked.reference, phone[-4:], other.id)

    assert moved.reference == booked.reference
    assert moved.start == other.start
    assert moved.status == "confirmed"


async def test_request_callback(client: AppointmentsClient, api_server: ApiServer) -> None:
    reference = await client.request_callback(
        CallbackRequest(
            name="Mira Beispiel",
            phone=_phone(),
            consent_version="2026-11-01",
            consent_given_at=NOW,
            preferred_time="vormittags",
            children_ages=[3],
            topics=["erziehung"],
        )
    )

    assert reference.startswith("RR-")
    listed = api_server.get("/staff/callbacks?status=open", auth=STAFF_AUTH)["callbacks"]
    [stored] = [item for item in listed if item["reference"] == reference]
    assert stored["preferred_time"] == "vormittags" and stored["topics"] == ["erziehung"]


async def test_invalid_callback_is_rejected(client: AppointmentsClient) -> None:
    request = CallbackRequest(
        name="Mira Beispiel", phone="abc", consent_version="v1", consent_given_at=NOW
    )
    with pytest.raises(BookingRejected) as rejected:
        await client.request_callback(request)
    assert rejected.value.code == "invalid_input"
