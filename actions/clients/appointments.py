"""Typed HTTP client for the appointments API (the system of record for bookings)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

import aiohttp

from actions.errors import (
    ActiveBookingExists,
    AppointmentsError,
    AppointmentsUnavailable,
    BookingNotChangeable,
    BookingNotFound,
    BookingRejected,
    HoldLost,
    SlotTaken,
    TooManyAttempts,
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
    # Needs the family mentioned in the chat, so staff can prepare.
    language: str | None = None
    interpreter_needed: bool = False
    accessibility_needed: bool = False
    # ISO 639-1: the language the family chatted in (its mails and pages use it) and the
    # language of the consent text it was shown.
    conversation_language: str = "de"
    consent_language: str = "de"


@dataclass(frozen=True)
class Booking:
    """A confirmed booking as the family sees it."""

    reference: str
    start: datetime
    end: datetime
    location: str
    # confirmed, cancelled, attended or no_show; a new booking is always confirmed.
    status: str = "confirmed"
    # How the family gets the exact address while the place's address is not confirmed.
    location_note: str | None = None


@dataclass(frozen=True)
class CallbackRequest:
    """A family's wish to be called back by the joint team."""

    name: str
    phone: str
    consent_version: str
    consent_given_at: datetime
    preferred_time: str | None = None
    children_ages: list[int] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    consent_language: str = "de"


@dataclass(frozen=True)
class WaitlistRequest:
    """A family's wish to wait for a joint slot (its own consent; offers come by e-mail)."""

    name: str
    email: str
    children_ages: list[int]
    consent_version: str
    consent_given_at: datetime
    consent_language: str = "de"
    preferred_weekdays: list[int] = field(default_factory=list)
    preferred_times: list[str] = field(default_factory=list)
    # The chat's language (ISO 639-1), kept for the booking made from an offer.
    conversation_language: str = "de"
    # The language an interpreter is needed for (German name), as for a booking.
    language: str | None = None


@dataclass(frozen=True)
class WaitlistEntry:
    """What the API answers: the entry's reference and when it ends."""

    reference: str
    expires_at: datetime


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
            "text_language": request.consent_language,
        },
        "conversation_language": request.conversation_language,
        "language": request.language,
        "interpreter_needed": request.interpreter_needed,
        "accessibility_needed": request.accessibility_needed,
    }


def _booking(body: dict[str, Any]) -> Booking:
    return Booking(
        reference=body["reference"],
        start=datetime.fromisoformat(body["start"]),
        end=datetime.fromisoformat(body["end"]),
        location=body.get("location", ""),
        status=body.get("status", "confirmed"),
        location_note=body.get("location_note"),
    )


def _check_path(reference: str, action: str = "") -> str:
    # The reference is typed by the family: quote it so it cannot change the path.
    return f"/bookings/{quote(reference.strip(), safe='')}/check{action}"


# 4xx codes of the API that the chat answers differently from a plain refusal.
_ERRORS_BY_CODE: dict[str, type[AppointmentsError]] = {
    "slot_taken": SlotTaken,
    "hold_expired": HoldLost,
    "hold_not_found": HoldLost,
    "hold_already_confirmed": HoldLost,
    "active_booking_exists": ActiveBookingExists,
    "booking_not_found": BookingNotFound,
    "too_many_attempts": TooManyAttempts,
    # The API's rate limit (per address): the chat answers it like a lock.
    "too_many_requests": TooManyAttempts,
    "booking_not_changeable": BookingNotChangeable,
}


class AppointmentsClient:
    """Calls the appointments API with a timeout; maps HTTP errors to `actions.errors`."""

    def __init__(self, base_url: str | None = None, timeout: float | None = None) -> None:
        settings = get_settings()
        self._base_url = (base_url or settings.appointments_url).rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout or settings.timeout_seconds)
        # The API stores consent records only from the chat service (never logged).
        self._headers = (
            {"Authorization": f"Bearer {settings.service_token}"} if settings.service_token else {}
        )

    async def list_slots(self, limit: int = 4) -> list[JointSlot]:
        """Return the next free joint slots."""
        body = await self._request("GET", "/slots", params={"limit": str(limit)})
        return [_slot(item) for item in body["slots"]]

    async def hold_slot(self, slot_id: str) -> str:
        """Reserve a slot for a few minutes while the family answers; return the hold id."""
        body = await self._request("POST", "/holds", json={"slot_id": slot_id})
        return str(body["id"])

    async def release_hold(self, hold_id: str) -> None:
        """Give a held slot back at once, e.g. after a no to the consent."""
        await self._request("DELETE", f"/holds/{quote(hold_id, safe='')}", log_path="/holds/*")

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

    async def check_booking(self, reference: str, check: str) -> Booking:
        """Return the booking if the check fits (last 4 phone digits or the booked e-mail).

        Raises BookingNotFound (unknown reference or wrong check) and TooManyAttempts.
        """
        body = await self._request(
            "POST", _check_path(reference), json={"check": check}, log_path="/bookings/*/check"
        )
        return _booking(body)

    async def cancel_by_check(self, reference: str, check: str) -> Booking:
        """Cancel the booking; also raises BookingNotChangeable (cancelled or over)."""
        body = await self._request(
            "POST",
            _check_path(reference, "/cancel"),
            json={"check": check},
            log_path="/bookings/*/check/cancel",
        )
        return _booking(body)

    async def reschedule_by_check(self, reference: str, check: str, slot_id: str) -> Booking:
        """Move the booking to another joint slot; also raises SlotTaken, BookingNotChangeable."""
        body = await self._request(
            "POST",
            _check_path(reference, "/reschedule"),
            json={"check": check, "slot_id": slot_id},
            log_path="/bookings/*/check/reschedule",
        )
        return _booking(body)

    async def request_callback(self, request: CallbackRequest) -> str:
        """Store a callback request for the joint team; return its reference (RR-XXXX-XXXX)."""
        payload = {
            "name": request.name,
            "phone": request.phone,
            "preferred_time": request.preferred_time,
            "children_ages": request.children_ages,
            "topics": request.topics,
            "consent_version": request.consent_version,
            "consent_given_at": request.consent_given_at.isoformat(),
            "consent_language": request.consent_language,
        }
        body = await self._request("POST", "/callbacks", json=payload)
        return str(body["reference"])

    async def join_waitlist(self, request: WaitlistRequest) -> WaitlistEntry:
        """Put the family on the waitlist; offers of freed slots come by e-mail."""
        payload = {
            "children_ages": request.children_ages,
            "contact": {"name": request.name, "email": request.email},
            "consent": {
                "text_version": request.consent_version,
                "given_at": request.consent_given_at.isoformat(),
                "channel": "chat",
                "text_language": request.consent_language,
            },
            "preferred_weekdays": request.preferred_weekdays,
            "preferred_times": request.preferred_times,
            "conversation_language": request.conversation_language,
            "language": request.language,
        }
        body = await self._request("POST", "/waitlist", json=payload)
        return WaitlistEntry(
            reference=str(body["reference"]),
            expires_at=datetime.fromisoformat(body["expires_at"]),
        )

    async def _request(
        self, method: str, path: str, log_path: str | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        # Logged instead of `path` where the path holds a booking reference.
        log_path = log_path or path
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout, headers=self._headers) as session,
                session.request(method, self._base_url + path, **kwargs) as response,
            ):
                body = await response.json(content_type=None)
                status = response.status
        # On Python 3.10 aiohttp raises asyncio.TimeoutError, not the built-in TimeoutError.
        except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError, ValueError) as error:
            # Only the event and the error class: the request may carry contact data.
            logger.warning("appointments.request.failed path=%s error=%s", log_path, type(error))
            raise AppointmentsUnavailable("unavailable", "", None) from error
        if status < 400:
            return body
        code = body.get("code", "error") if isinstance(body, dict) else "error"
        message = body.get("message", "") if isinstance(body, dict) else ""
        logger.info(
            "appointments.request.refused path=%s status=%s code=%s", log_path, status, code
        )
        if status >= 500:
            raise AppointmentsUnavailable(code, message, status)
        raise _ERRORS_BY_CODE.get(code, BookingRejected)(code, message, status)
