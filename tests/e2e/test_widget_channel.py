"""The widget's Rasa channel (connectors/socketio_channel.py) with a standard socket.io client."""

from __future__ import annotations

import re
import secrets

import httpx
import pytest
import socketio

from tests.e2e.conftest import Stack

pytestmark = pytest.mark.e2e


class Client:
    """A plain python-socketio client speaking Rasa's protocol, like rasa-webchat does."""

    def __init__(self) -> None:
        self.sio = socketio.AsyncClient()
        self.answers: list[dict] = []
        self.confirmed: list[str] = []
        self.sio.on("bot_uttered", self.answers.append)
        self.sio.on("session_confirm", self.confirmed.append)

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.sio.disconnect()

    async def connect(self, stack: Stack) -> None:
        await self.sio.connect(stack.rasa, socketio_path="/socket.io", transports=["websocket"])

    async def request_session(self, session_id: str | None) -> str:
        await self.sio.emit("session_request", {"session_id": session_id})
        await self.wait(lambda: self.confirmed)
        return self.confirmed[-1]

    async def wait(self, condition, seconds: float = 15) -> bool:
        for _ in range(int(seconds * 10)):
            if condition():
                return True
            await self.sio.sleep(0.1)
        return False


@pytest.mark.anyio
async def test_a_client_without_session_id_gets_a_long_random_one(stack: Stack) -> None:
    async with Client() as client:
        await client.connect(stack)
        session_id = await client.request_session(None)  # what rasa-webchat sends first
        assert re.fullmatch(r"[0-9a-f]{32}", session_id)
        await client.sio.emit("user_uttered", {"message": "/greet", "session_id": session_id})
        assert await client.wait(lambda: len(client.answers) >= 2)
        assert any("Familienlotse" in answer.get("text", "") for answer in client.answers)


@pytest.mark.anyio
async def test_short_or_guessable_session_ids_are_replaced(stack: Stack) -> None:
    async with Client() as client:
        await client.connect(stack)
        confirmed = await client.request_session("1234")
        assert confirmed != "1234" and re.fullmatch(r"[0-9a-f]{32}", confirmed)
        own = secrets.token_hex(16)
        client.confirmed.clear()
        assert await client.request_session(own) == own  # a long random id is kept


@pytest.mark.anyio
async def test_messages_for_a_session_not_joined_are_ignored(stack: Stack) -> None:
    async with Client() as client:
        await client.connect(stack)
        await client.request_session(secrets.token_hex(16))
        other = secrets.token_hex(16)
        await client.sio.emit("user_uttered", {"message": "/greet", "session_id": other})
        assert not await client.wait(lambda: client.answers, seconds=3)


def test_delete_route_answers_204_and_checks_the_id(stack: Stack) -> None:
    url = f"{stack.rasa}/webhooks/socketio/session/delete"
    assert httpx.post(url, json={"session_id": secrets.token_hex(16)}).status_code == 204
    assert httpx.post(url, json={"session_id": "kurz"}).status_code == 400
    assert httpx.post(url, json={}).status_code == 400
    assert httpx.post(url, content=b"kein json").status_code == 400
    preflight = httpx.options(
        url,
        headers={
            "Origin": stack.web,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.headers.get("access-control-allow-origin") == stack.web
