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
  this socket has joined via `session_request`; longer texts are cut at 5000
  characters.
- `POST /webhooks/socketio/session/delete` with JSON `{"session_id": "…"}` erases
  the conversation from the tracker store and answers 204 ("Gespräch beenden und
  löschen" in the widget). Knowing the id is the authorisation, as for writing.

Logs carry at most the first 6 characters of a session id and never message text.
"""

from __future__ import annotations

import inspect
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

SESSION_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,128}")
MAX_MESSAGE_CHARS = 5000
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
            if len(text) > MAX_MESSAGE_CHARS:
                logger.info("socketio.message_truncated chars=%s", len(text))
                text = text[:MAX_MESSAGE_CHARS]
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
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            if not isinstance(metadata, dict):
                metadata = {}
            message = UserMessage(
                text,
                SocketIOOutput(sio, self.bot_message_evt),
                sender_id,
                input_channel=self.name(),
                metadata=metadata,
            )
            await on_new_message(message)

        @webhook.route(DELETE_ROUTE, methods=["POST"])
        async def delete_session(request: Request) -> HTTPResponse:
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
