"""Send what the assistant did not understand to the review inbox of the appointments API.

Only redacted text leaves this module (runtime.text_redaction), with the predicted
intent, its confidence, the language, the reason and the id of the bot's answer: no
sender id, no conversation id, no time. The API redacts again before it stores anything.
Crisis messages are never sent as text, only flagged, so that the API counts them.
Sending happens in the background: a slow or missing API never delays the family's answer.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable
from typing import Any

import aiohttp
from rasa_sdk import Tracker

from actions.common import slots
from actions.settings import get_settings
from runtime.crisis_patterns import CRISIS_RE
from runtime.review_inbox_switch import review_inbox_enabled
from runtime.text_redaction import redact_text

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 3.0
# Slots whose values are personal data (masked in the conversation store as well).
_PERSONAL_SLOTS = frozenset(
    {*slots.PERSONAL_DATA, "manage_check", "manage_reference", "callback_time"}
)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_NAME = re.compile(r"^[a-z][a-z0-9_/]{0,99}$")
# Background sends, kept so they are not garbage-collected before they finish.
_PENDING: set[asyncio.Task[bool]] = set()


def enabled() -> bool:
    """Capture is on unless FL_REVIEW_INBOX=0 (a city may switch it off)."""
    return review_inbox_enabled()


def language_of(tracker: Tracker) -> str:
    """Return the conversation's language code (slot `language`), default "de"."""
    value = str(tracker.get_slot("language") or "de").strip().lower()
    return value if _LANGUAGE.match(value) else "de"


def _name_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and _NAME.match(value) else None


def build_payload(
    text: str,
    reason: str,
    language: str,
    predicted_intent: str | None = None,
    confidence: float | None = None,
    answer_id: str | None = None,
) -> dict[str, Any]:
    """Return the inbox payload: redacted text, or no text at all for a crisis message."""
    crisis = None
    if predicted_intent == "emergency":
        crisis = "intent"
    elif CRISIS_RE.search(text or ""):
        crisis = "muster"
    payload: dict[str, Any] = {
        "text": "" if crisis else redact_text(text),
        "reason": reason,
        "language": language,
        "predicted_intent": _name_or_none(predicted_intent),
        "confidence": None if confidence is None else max(0.0, min(1.0, float(confidence))),
        "answer_id": _name_or_none(answer_id),
    }
    if crisis:
        payload["crisis"] = crisis
    return payload


async def send(payload: dict[str, Any]) -> bool:
    """POST one payload to the inbox; return whether the API took it (never raises)."""
    settings = get_settings()
    headers = (
        {"Authorization": f"Bearer {settings.service_token}"} if settings.service_token else {}
    )
    try:
        async with (
            aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS), headers=headers
            ) as session,
            session.post(f"{settings.appointments_url}/review/items", json=payload) as response,
        ):
            ok = response.status < 400
    except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError) as error:
        # Only the event and the error class: never the text.
        logger.warning("review.capture.failed error=%s", type(error).__name__)
        return False
    if not ok:
        logger.warning("review.capture.refused status=%s", response.status)
    return ok


def report(payload: dict[str, Any]) -> asyncio.Task[bool] | None:
    """Send in the background (from sync or async action code); None when switched off."""
    if not enabled():
        return None
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    task = loop.create_task(send(payload))
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)
    return task


async def wait_pending() -> None:
    """Wait for every background send (tests, shutdown)."""
    loop = asyncio.get_running_loop()
    # Tasks of an event loop that has ended (an earlier test) can never finish.
    _PENDING.difference_update({task for task in _PENDING if task.get_loop() is not loop})
    while _PENDING:
        await asyncio.gather(*list(_PENDING), return_exceptions=True)


def best_guess(message: dict[str, Any]) -> tuple[str | None, float | None]:
    """Return the likeliest real intent of a parsed message and its confidence."""
    ranking: Iterable[dict[str, Any]] = message.get("intent_ranking") or []
    for entry in ranking:
        if entry.get("name") and entry.get("name") != "nlu_fallback":
            return entry.get("name"), entry.get("confidence")
    intent = message.get("intent") or {}
    return intent.get("name"), intent.get("confidence")


def report_unsure(tracker: Tracker, answer_id: str) -> asyncio.Task[bool] | None:
    """Report the latest message, which the model was not sure about."""
    message = tracker.latest_message or {}
    intent, confidence = best_guess(message)
    payload = build_payload(
        message.get("text") or "", "unsicher", language_of(tracker), intent, confidence, answer_id
    )
    return report(payload)


def report_rejected_suggestion(tracker: Tracker, answer_id: str) -> asyncio.Task[bool] | None:
    """Report the message whose "Meinten Sie …?" suggestions the family rejected."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    for event in reversed(users[:-1]):
        parse = event.get("parse_data") or {}
        if (parse.get("intent") or {}).get("name") == "nlu_fallback":
            intent, confidence = best_guess(parse)
            text = event.get("text") or ""
            payload = build_payload(
                text, "vorschlag_abgelehnt", language_of(tracker), intent, confidence, answer_id
            )
            return report(payload)
    return None


def report_repair(tracker: Tracker, slot: str, answer_id: str) -> asyncio.Task[bool] | None:
    """Report an answer to a question that failed twice (never answers to contact questions)."""
    if slot in _PERSONAL_SLOTS or slot.startswith("contact_") or slot.startswith("callback_"):
        return None
    message = tracker.latest_message or {}
    intent, confidence = best_guess(message)
    payload = build_payload(
        message.get("text") or "", "reparatur", language_of(tracker), intent, confidence, answer_id
    )
    return report(payload)
