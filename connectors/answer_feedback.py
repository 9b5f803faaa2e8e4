"""„War das hilfreich?“: answer ids out to the widget, one-click ratings back to the API.

- `RatedSocketIOOutput` is Rasa's socket.io output, plus `answer_id` on the last part of
  an answer that an action marked as rateable (`dispatcher.utter_message(...,
  answer_id="antwort/<intent>")`). Emergency answers are never marked, and ids naming an
  emergency are dropped here as well.
- `register(...)` adds the socket.io event `answer_feedback` with `{"answer_id", "helpful",
  "question"?}`. It is forwarded to the appointments API (`POST /review/ratings`, service
  token APPOINTMENTS_SERVICE_TOKEN) without the session id, the socket or a time: the
  inbox cannot tell which conversation a rating came from. The question is redacted here
  and again in the API.
- `count_message()` counts family messages and reports only the number now and then
  (`POST /review/messages`): the denominator of the weekly "nicht sicher verstanden" rate.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from rasa.core.channels.socketio import SocketIOOutput

from connectors.rate_limit import Limit, RateLimiter
from runtime.review_inbox_switch import review_inbox_enabled
from runtime.text_redaction import redact_text

logger = logging.getLogger(__name__)
# ISO 639-1 codes (data/i18n/languages.yml); anything else is not passed to the widget.
_LANGUAGE_CODE = re.compile(r"[a-z]{2}")

ANSWER_ID = re.compile(r"^[a-z][a-z0-9_/]{0,99}$")
EVENT = "answer_feedback"
MAX_QUESTION_CHARS = 2000
TIMEOUT_SECONDS = 3.0
# Background forwards, kept so they are not garbage-collected before they finish.
_PENDING: set[asyncio.Task[bool]] = set()


def rateable(answer_id: Any) -> str | None:
    """Return the answer id if the family may rate this answer (never with FL_REVIEW_INBOX=0)."""
    if not review_inbox_enabled():
        return None
    if isinstance(answer_id, str) and ANSWER_ID.match(answer_id) and "emergency" not in answer_id:
        return answer_id
    return None


class RatedSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output that tells the widget which answers may be rated."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send the parts of a text; the last one carries the answer id, if any."""
        answer_id = rateable(kwargs.get("answer_id"))
        language = spoken_language(kwargs.get("language"))
        parts = text.strip().split("\n\n")
        for index, part in enumerate(parts):
            message: dict[str, Any] = {"text": part}
            if answer_id and index == len(parts) - 1:
                message["answer_id"] = answer_id
            if language:
                message["language"] = language
            await self._send_message(recipient_id, message)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Like Rasa's: buttons on the last part; that part also carries the answer id."""
        answer_id = rateable(kwargs.get("answer_id"))
        parts = text.strip().split("\n\n") or [text]
        messages: list[dict[str, Any]] = [{"text": part, "quick_replies": []} for part in parts]
        messages[-1]["quick_replies"] = [
            {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons
        ]
        if answer_id:
            messages[-1]["answer_id"] = answer_id
        language = spoken_language(kwargs.get("language"))
        for message in messages:
            if language:
                message["language"] = language
            await self._send_message(recipient_id, message)


def spoken_language(value: Any) -> str | None:
    """The conversation's language a bot message carries (bot/translating_nlg.py), if valid."""
    return value if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value) else None


def rating_payload(data: Any) -> dict[str, Any] | None:
    """Validate a widget rating and return what the API gets (question redacted)."""
    if not isinstance(data, dict) or not isinstance(data.get("helpful"), bool):
        return None
    answer_id = rateable(data.get("answer_id"))
    if answer_id is None:
        return None
    payload: dict[str, Any] = {"answer_id": answer_id, "helpful": data["helpful"]}
    question = data.get("question")
    if not data["helpful"] and isinstance(question, str) and question.strip():
        payload["question"] = redact_text(question[:MAX_QUESTION_CHARS])
    return payload


async def forward(payload: dict[str, Any], path: str = "/review/ratings") -> bool:
    """POST a rating (or a count) to the appointments API; return whether it was taken."""
    url = os.environ.get("FL_APPOINTMENTS_URL", "http://127.0.0.1:8000").rstrip("/")
    token = os.environ.get("APPOINTMENTS_SERVICE_TOKEN", "")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        async with (
            aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=TIMEOUT_SECONDS), headers=headers
            ) as session,
            session.post(f"{url}{path}", json=payload) as response,
        ):
            ok = response.status < 400
            status = response.status
    except (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError) as error:
        logger.warning("feedback.forward.failed error=%s", type(error).__name__)
        return False
    if not ok:
        logger.warning("feedback.forward.refused status=%s", status)
    return ok


class MessageCounter:
    """Counts messages; `hit()` returns the count to report every `every` or `seconds`."""

    def __init__(self, every: int = 20, seconds: float = 60.0) -> None:
        self.every, self.seconds = every, seconds
        self.pending = 0
        self.last = time.monotonic()

    def hit(self) -> int | None:
        """Count one message; return the number to report now, or None."""
        self.pending += 1
        if self.pending < self.every and time.monotonic() - self.last < self.seconds:
            return None
        count, self.pending, self.last = self.pending, 0, time.monotonic()
        return count


_COUNTER = MessageCounter()


def _background(payload: dict[str, Any], path: str) -> None:
    task = asyncio.get_running_loop().create_task(forward(payload, path))
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


def count_message() -> None:
    """Count one family message; now and then report the count (never a text or an id)."""
    if not review_inbox_enabled():
        return
    count = _COUNTER.hit()
    if count:
        _background({"messages": count}, "/review/messages")


async def wait_pending() -> None:
    """Wait for every forward still running (tests)."""
    loop = asyncio.get_running_loop()
    # Tasks of an event loop that has ended (an earlier test) can never finish.
    _PENDING.difference_update({task for task in _PENDING if task.get_loop() is not loop})
    while _PENDING:
        await asyncio.gather(*list(_PENDING), return_exceptions=True)


def register(
    sio: Any,
    namespace: str | None,
    limiter: RateLimiter,
    limit: Limit,
    joined: Callable[[str], bool],
) -> None:
    """Add the `answer_feedback` event: only sockets in a confirmed session may rate."""

    @sio.on(EVENT, namespace=namespace)
    async def answer_feedback(sid: str, data: Any) -> None:
        if not joined(sid):
            return
        if await limiter.hit("feedback", sid, limit) is not None:
            return
        payload = rating_payload(data)
        if payload is None:
            logger.info("feedback.rejected")
            return
        logger.info("feedback.received helpful=%s", payload["helpful"])
        _background(payload, "/review/ratings")
