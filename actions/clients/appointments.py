"""Typed HTTP client for the appointments API (the system of record for bookings)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp

from actions.errors import (
    AppointmentsUnavailable,
    BookingRejected,
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

    async def create_booking(self, request: BookingRequest) -> Booking:
        """Book a joint slot; raises SlotTaken when it is gone."""
        payload = {
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
        body = await self._request("POST", "/bookings", json=payload)
        return Booking(
            reference=body["reference"],
            start=datetime.fromisoformat(body["start"]),
            end=datetime.fromisoformat(body["end"]),
            location=body.get("location", ""),
        )

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.request(method, self._base_url + path, **kwargs) as response,
            ):
                body = await response.json(content_type=None)
                status = response.status
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            # Only the event and the error class: the request may carry contact data.
            logger.warning("appointments.request.failed path=%s error=%s", path, type(error))
            raise AppointmentsUnavailable("unavailable", "", None) from error
        if status < 400:
            return body
        code = body.get("code", "error") if isinstance(body, dict) else "error"
        message = body.get("message", "") if isinstance(body, dict) else ""
        logger.info("appointments.request.refused path=%s status=%s code=%s", path, status, code)
        if status == 409:
            raise SlotTaken(code, message, status)
        if status >= 500:
            raise AppointmentsUnavailable(code, message, status)
        raise BookingRejected(code, message, status)
