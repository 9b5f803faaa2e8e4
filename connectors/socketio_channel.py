"""Rasa's socket.io channel for the Familienlotse widget, with server-side deletion.

Registered in bot/credentials.yml by module path::

    connectors.socketio_channel.FamilienlotseSocketIO:
      user_message_evt: user_uttered
      bot_message_evt: bot_uttered
      session_persistence: true
      metadata_key: customData

It speaks the standard protocol of `rasa.core.channels.socketio.SocketIOInput`
(`session_request` → `session_confirm`, `user_uttered`, `bot_uttered`), so standard
Rasa socket.io clients keep working. Differences:

- Session ids are secrets. A requested id that is not 32–128 URL-safe characters
  (or missing) is replaced by a new random 128-bit id; clients must use the id
  from `session_confirm`, as the protocol already says.
- `enter_room` is awaited when python-socketio made it a coroutine (≥ 5.10).
- With `session_persistence`, a `user_uttered` is only accepted for a session id
  this socket has joined via `session_request`.
- Browsers may connect only from the website origins in FL_WIDGET_ORIGINS
  (runtime/production_check.py; the local demo page in development).
- Input limits before any NLU: a message over FL_CHAT_MAX_MESSAGE_CHARS (2000) characters
  is not parsed and gets a polite German answer; metadata over
  FL_CHAT_MAX_METADATA_BYTES (2048) bytes is dropped.
- Rate limits (connectors/rate_limit.py): messages per session (FL_CHAT_RATE_SESSION,
  20/60) and per client address (FL_CHAT_RATE_ADDRESS, 120/60) get a German answer in
  the chat; deletions per address (FL_CHAT_RATE_DELETE, 10/60) get 429 and Retry-After.
  The client address is the peer address, or the last entry of the header named in
  FL_CHAT_CLIENT_IP_HEADER behind a reverse proxy.
- Answers an action marked as rateable carry `answer_id`; the event `answer_feedback`
  forwards a one-click rating to the review inbox (connectors/answer_feedback.py).
- `POST /webhooks/socketio/session/delete` with JSON `{"session_id": "…"}` erases
  the conversation from the tracker store and answers 204 ("Gespräch beenden und
  löschen" in the widget). Knowing the id is the authorisation, as for writing.

Logs carry at most the first 6 characters of a session id and never message text.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors import answer_feedback
from connectors.rate_limit import RateLimiter, RateLimits, limiter_from_env
from runtime.production_check import widget_origins
from runtime.translations import codes

logger = logging.getLogger(__name__)

SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,128}")
MAX_MESSAGE_CHARS = int(os.environ.get("FL_CHAT_MAX_MESSAGE_CHARS") or 2000)
MAX_METADATA_BYTES = int(os.environ.get("FL_CHAT_MAX_METADATA_BYTES") or 2048)
TOO_LONG_TEXT = (
    "Ihre Nachricht ist leider zu lang. Bitte schreiben Sie kürzer: "
    f"höchstens {MAX_MESSAGE_CHARS:,} Zeichen.".replace(",", ".")
)
TOO_MANY_TEXT = (
    "Sie haben in kurzer Zeit sehr viele Nachrichten geschickt. "
    "Bitte warten Sie {seconds} Sekunden. Dann können Sie weiterschreiben."
)
MAX_DELETE_BODY_BYTES = 1024
DELETE_ROUTE = "/session/delete"


def is_valid_session_id(value: object) -> bool:
    """True for a string of 32–128 URL-safe characters."""
    return isinstance(value, str) and SESSION_ID_PATTERN.fullmatch(value) is not None


def new_session_id() -> str:
    """A new conversation id: 128 random bits as 32 hex characters."""
    return secrets.token_hex(16)


def short_id(session_id: str) -> str:
    """The first characters of an id, enough to follow one conversation in the logs."""
    return f"{session_id[:6]}…"


# A button's payload without entities, such as "/request_callback".
_PLAIN_PAYLOAD = re.compile(r"/[A-Za-z_]+")


def payload_with_language(text: str, metadata: dict[str, Any]) -> str:
    """A plain button payload with the family's chosen language added as its entity.

    Rasa reads a payload such as "/request_callback" without the NLU pipeline, so the
    language component never sees the widget's choice (metadata {"language": "en"}): a
    button as the first message of a chat was answered in German.
    """
    code = metadata.get("language")
    if not _PLAIN_PAYLOAD.fullmatch(text) or not isinstance(code, str):
        return text
    code = code.strip().lower().split("-")[0]
    if code not in codes():
        return text
    return text + json.dumps({"language": code})


def metadata_within_limit(metadata: Any) -> dict[str, Any]:
    """The message metadata as a dict, or {} when it is not one or larger than the cap."""
    if isinstance(metadata, str):
        if len(metadata.encode("utf-8", "replace")) > MAX_METADATA_BYTES:
            return {}
        try:
            metadata = json.loads(metadata)
        except ValueError:
            return {}
    if not isinstance(metadata, dict):
        return {}
    try:
        size = len(json.dumps(metadata, ensure_ascii=False).encode("utf-8", "replace"))
    except (TypeError, ValueError):
        return {}
    return metadata if size <= MAX_METADATA_BYTES else {}


def client_address(request: Any, header: str | None = None) -> str:
    """The client's address: the peer, or the last entry of a trusted proxy header."""
    header = header if header is not None else os.environ.get("FL_CHAT_CLIENT_IP_HEADER", "")
    if header and request is not None:
        forwarded = request.headers.get(header, "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:64]
    return str(getattr(request, "ip", "") or "unbekannt")[:64]


def find_deleting_store(store: Any) -> Any | None:
    """Unwrap Rasa's tracker store wrappers until a store with `delete()` appears."""
    seen: set[int] = set()
    while store is not None and id(store) not in seen:
        seen.add(id(store))
        if callable(getattr(store, "delete", None)):
            return store
        store = getattr(store, "_tracker_store", None)
    return None


class FamilienlotseSocketIO(SocketIOInput):
    """`SocketIOInput` with secret session ids, room checks and a delete endpoint."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's socket.io blueprint with our session and message handlers."""
        webhook = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by SocketIOInput.blueprint
        origins = set(widget_origins())
        limits = RateLimits.from_env()
        limiter: RateLimiter = limiter_from_env()
        addresses: dict[str, str] = {}

        async def answer(sid: str, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace)

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            # Browsers send their page's origin; only the configured city sites may connect.
            origin = (environ.get("HTTP_ORIGIN") or "").rstrip("/")
            if origin and origin not in origins:
                logger.warning("socketio.connect_refused reason=origin_not_allowed")
                return False
            addresses[sid] = client_address(environ.get("sanic.request"))
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str) -> None:
            addresses.pop(sid, None)

        # Registering again replaces Rasa's handlers for these events.
        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = requested if is_valid_session_id(requested) else new_session_id()
            if self.session_persistence:
                entered = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(entered):
                    await entered
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            logger.debug(
                "socketio.session_confirmed session=%s new=%s",
                short_id(session_id),
                session_id != requested,
            )

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                logger.warning("socketio.message_ignored reason=not_an_object")
                return
            text = data.get("message", "")
            if not isinstance(text, str):
                logger.warning("socketio.message_ignored reason=text_not_a_string")
                return
            if self.session_persistence:
                sender_id = data.get("session_id")
                if not is_valid_session_id(sender_id):
                    logger.warning("socketio.message_ignored reason=invalid_session_id")
                    return
                if sender_id not in sio.rooms(sid, namespace=self.namespace):
                    logger.warning(
                        "socketio.message_ignored reason=session_not_joined session=%s",
                        short_id(sender_id),
                    )
                    return
            else:
                sender_id = sid
            wait = await limiter.hit("session", sender_id, limits.per_session)
            if wait is None:
                wait = await limiter.hit(
                    "address", addresses.get(sid, "unbekannt"), limits.per_address
                )
            if wait is not None:
                logger.warning("socketio.message_limited session=%s", short_id(sender_id))
                await answer(sid, TOO_MANY_TEXT.format(seconds=wait))
                return
            if len(text) > MAX_MESSAGE_CHARS:
                # Not parsed at all: no NLU, no tracker event, only a polite answer.
                logger.info("socketio.message_too_long chars=%s", len(text))
                await answer(sid, TOO_LONG_TEXT)
                return
            answer_feedback.count_message()  # a number for the weekly quality figures
            metadata = metadata_within_limit(data.get(self.metadata_key) or {})
            message = UserMessage(
                payload_with_language(text, metadata),
                answer_feedback.RatedSocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            await on_new_message(message)

        # "War das hilfreich?" from the widget (connectors/answer_feedback.py).
        answer_feedback.register(
            sio, self.namespace, limiter, limits.per_session, lambda sid: sid in addresses
        )

        @webhook.route(DELETE_ROUTE, methods=["POST"])
        async def delete_session(request: Request) -> HTTPResponse:
            wait = await limiter.hit("delete", client_address(request), limits.deletes_per_address)
            if wait is not None:
                return response.json(
                    {"error": "Zu viele Anfragen. Bitte versuchen Sie es später noch einmal."},
                    status=429,
                    headers={"Retry-After": str(wait)},
                )
            if len(request.body or b"") > MAX_DELETE_BODY_BYTES:
                return response.json({"error": "body too large"}, status=413)
            try:
                body = json.loads(request.body or b"{}")
            except ValueError:
                body = None
            session_id = body.get("session_id") if isinstance(body, dict) else None
            if not is_valid_session_id(session_id):
                return response.json({"error": "session_id missing or invalid"}, status=400)
            agent = getattr(request.app.ctx, "agent", None)
            store = find_deleting_store(getattr(agent, "tracker_store", None))
            if store is None:
                logger.error("socketio.delete_unsupported: tracker store has no delete()")
                return response.json({"error": "deletion not supported"}, status=501)
            removed = await store.delete(session_id)
            await self._leave_session_room(session_id)
            logger.info(
                "socketio.session_deleted session=%s events=%s", short_id(session_id), removed
            )
            return response.empty(status=204)

        return webhook

    async def _leave_session_room(self, session_id: str) -> None:
        """Take every socket out of a deleted conversation's room."""
        if self.sio is None or not self.session_persistence:
            return
        closed = self.sio.close_room(session_id, namespace=self.namespace)
        if inspect.isawaitable(closed):
            await closed
