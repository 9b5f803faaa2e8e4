"""Typed HTTP client for the appointments API (the system of record for bookings)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp

from actions.errors import (
    ActiveBookingExists,
    AppointmentsError,
    AppointmentsUnavailable,
    BookingRejected,
    HoldLost,
    SlotTaken,
)
from actions.settings import get_settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JointSlot:
    """A time at which one staff member of each agency is free."""

    id: str
    start: datetime
    end: datetime
    jugendamt: str
    jobcenter: str
    location: str


@dataclass(frozen=True)
class BookingRequest:
    """Everything the API needs to book a joint consultation."""

    slot_id: str
    children_ages: list[int]
    topics: list[str]
    name: str
    phone: str | None
    email: str | None
    consent_version: str
    consent_given_at: datetime


@dataclass(frozen=True)
class Booking:
    """A confirmed booking as the family sees it."""

    reference: str
    start: datetime
    end: datetime
    location: str


def _slot(data: dict[str, Any]) -> JointSlot:
    return JointSlot(
        id=data["id"],
        start=datetime.fromisoformat(data["start"]),
        end=datetime.fromisoformat(data["end"]),
        jugendamt=data["jugendamt"]["name"],
        jobcenter=data["jobcenter"]["name"],
        location=data.get("location", ""),
    )


def _booking_payload(request: BookingRequest) -> dict[str, Any]:
    return {
        "slot_id": request.slot_id,
        "children_ages": request.children_ages,
        "topics": request.topics,
        "contact": {"name": request.name, "phone": request.phone, "email": request.email},
        "consent": {
            "text_version": request.consent_version,
            "given_at": request.consent_given_at.isoformat(),
            "channel": "chat",
        },
    }


def _booking(body: dict[str, Any]) -> Booking:
    return Booking(
        reference=body["reference"],
        start=datetime.fromisoformat(body["start"]),
        end=datetime.fromisoformat(body["end"]),
        location=body.get("location", ""),
    )


# 4xx codes of the API that the chat answers differently from a plain refusal.
_ERRORS_BY_CODE: dict[str, type[AppointmentsError]] = {
    "slot_taken": SlotTaken,
    "hold_expired": HoldLost,
    "hold_not_found": HoldLost,
    "hold_already_confirmed": HoldLost,
    "active_booking_exists": ActiveBookingExists,
}


class AppointmentsClient:
    """Calls the appointments API with a timeout; maps HTTP errors to `actions.errors`."""

    def __init__(self, base_url: str | None = None, timeout: float | None = None) -> None:
        settings = get_settings()
        self._base_url = (base_url or settings.appointments_url).rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout or settings.timeout_seconds)

    async def list_slots(self, limit: int = 4) -> list[JointSlot]:
        """Return the next free joint slots."""
        body = await self._request("GET", "/slots", params={"limit": str(limit)})
        return [_slot(item) for item in body["slots"]]

    async def hold_slot(self, slot_id: str) -> str:
        """Reserve a slot for a few minutes while the family answers; return the hold id."""
        body = await self._request("POST", "/holds", json={"slot_id": slot_id})
        return str(body["id"])

    async def confirm_hold(self, hold_id: str, request: BookingRequest, key: str) -> Booking:
        """Turn a hold into a booking; raises HoldLost when the hold has expired."""
        payload = _booking_payload(request)
        del payload["slot_id"]
        body = await self._request(
            "POST", f"/holds/{hold_id}/confirm", json=payload, headers={"Idempotency-Key": key}
        )
        return _booking(body)

    async def create_booking(self, request: BookingRequest, key: str) -> Booking:
        """Book a joint slot directly; raises SlotTaken when it is gone."""
        body = await self._request(
            "POST", "/bookings", json=_booking_payload(request), headers={"Idempotency-Key": key}
        )
        return _booking(body)

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.request(method, self._base_url + path, **kwargs) as response,
            ):
                body = await response.json(content_type=None)
                status = response.status
        # On Python 3.10 aiohttp raises asyncio.TimeoutError, not the built-in TimeoutError.
        except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError, ValueError) as error:
            # Only the event and the error class: the request may carry contact data.
            logger.warning("appointments.request.failed path=%s error=%s", path, type(error))
            raise AppointmentsUnavailable("unavailable", "", None) from error
        if status < 400:
            return body
        code = body.get("code", "error") if isinstance(body, dict) else "error"
        message = body.get("message", "") if isinstance(body, dict) else ""
        logger.info("appointments.request.refused path=%s status=%s code=%s", path, status, code)
        if status >= 500:
            raise AppointmentsUnavailable(code, message, status)
        raise _ERRORS_BY_CODE.get(code, BookingRejected)(code, message, status)
