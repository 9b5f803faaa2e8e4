"""The socket.io channel's handlers, one at a time: secret session ids, rooms, limits, logs.

The handlers run on python-socketio's real AsyncServer and its room manager; only the
sending of packets to a browser is recorded instead (tests/e2e/test_widget_channel.py
covers the whole path through Rasa).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from connectors.socketio_channel import (
    MAX_MESSAGE_CHARS,
    TOO_LONG_TEXT,
    FamilienlotseSocketIO,
    is_valid_session_id,
    payload_with_language,
)

pytestmark = pytest.mark.asyncio
NAMESPACE = "/"
SESSION = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
ORIGIN = "https://www.ibbenbueren.de"
SECRET_TEXT = "Mein Name ist Aylin Kaya, Telefon 0152 7654321"


class Channel:
    """A blueprint built by the real channel, with what it emits and passes to Rasa."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
        monkeypatch.setenv("FL_WIDGET_ORIGINS", ORIGIN)
        monkeypatch.delenv("FL_CHAT_RATE_REDIS_URL", raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        self.received: list[Any] = []
        self.emitted: list[tuple[str, Any, str]] = []
        self.input = FamilienlotseSocketIO(
            user_message_evt="user_uttered",
            bot_message_evt="bot_uttered",
            session_persistence=True,
            metadata_key="customData",
        )

        async def on_new_message(message: Any) -> None:
            self.received.append(message)

        self.input.blueprint(on_new_message)
        self.sio = self.input.sio
        assert self.sio is not None

        async def emit(event: str, data: Any = None, room: str = "", **_: Any) -> None:
            self.emitted.append((event, data, room))

        # Packets would go to a browser's engine.io socket; record them instead.
        monkeypatch.setattr(self.sio, "emit", emit)

    def handler(self, event: str) -> Any:
        return self.sio.handlers[NAMESPACE][event]

    async def connect(self, origin: str = ORIGIN) -> tuple[str, bool]:
        sid = self.sio.manager.connect(f"eio-{len(self.emitted)}-{id(origin)}", NAMESPACE)
        accepted = await self.handler("connect")(sid, {"HTTP_ORIGIN": origin})
        return sid, accepted

    async def confirmed(self, sid: str, requested: Any) -> str:
        await self.handler("session_request")(sid, requested)
        event, session_id, room = self.emitted[-1]
        assert (event, room) == ("session_confirm", sid)
        return session_id

    async def say(self, sid: str, data: Any) -> None:
        await self.handler("user_uttered")(sid, data)

    def answers(self) -> list[str]:
        return [data["text"] for event, data, _ in self.emitted if event == "bot_uttered"]


class TestConnect:
    async def test_the_configured_city_site_may_connect(self, monkeypatch: pytest.MonkeyPatch):
        _sid, accepted = await Channel(monkeypatch).connect(ORIGIN)
        assert accepted is True

    async def test_another_site_is_refused(self, monkeypatch: pytest.MonkeyPatch):
        _sid, accepted = await Channel(monkeypatch).connect("https://fremde-seite.example")
        assert accepted is False


class TestSessionRequest:
    async def test_without_id_a_new_random_one(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        first = await channel.confirmed(sid, {})
        second = await channel.confirmed(sid, None)
        assert is_valid_session_id(first) and len(first) == 32 and first != second
        assert first in channel.sio.rooms(sid, namespace=NAMESPACE)

    async def test_a_valid_id_is_kept(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        assert await channel.confirmed(sid, {"session_id": SESSION}) == SESSION

    @pytest.mark.parametrize(
        "requested",
        ["abc", "1" * 20, "a" * 31 + "!", "../" * 12],
        ids=["short", "20", "sign", "path"],
    )
    async def test_guessable_ids_are_replaced(
        self, monkeypatch: pytest.MonkeyPatch, requested: str
    ):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        confirmed = await channel.confirmed(sid, {"session_id": requested})
        assert confirmed != requested and is_valid_session_id(confirmed)


class TestUserMessage:
    async def test_a_joined_session_reaches_rasa(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        await channel.say(
            sid, {"message": "4 und 7", "session_id": SESSION, "customData": {"a": 1}}
        )
        [message] = channel.received
        assert (message.text, message.sender_id) == ("4 und 7", SESSION)
        assert message.input_channel == "socketio"
        assert message.metadata == {"a": 1}

    async def test_a_session_not_joined_is_ignored(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        other = "f" * 32
        await channel.say(sid, {"message": "Hallo", "session_id": other})
        await channel.say(sid, {"message": "Hallo", "session_id": "kurz"})
        await channel.say(sid, "kein Objekt")
        await channel.say(sid, {"message": ["keine", "Zeichenkette"], "session_id": SESSION})
        assert channel.received == []

    async def test_too_long_is_answered_and_never_parsed(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        await channel.say(sid, {"message": "a" * (MAX_MESSAGE_CHARS + 1), "session_id": SESSION})
        assert channel.received == []
        assert channel.answers() == [TOO_LONG_TEXT]
        assert "höchstens 2.000 Zeichen" in TOO_LONG_TEXT

    async def test_oversized_metadata_is_dropped(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch)
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        await channel.say(
            sid, {"message": "Hallo", "session_id": SESSION, "customData": {"x": "y" * 5000}}
        )
        assert channel.received[0].metadata == {}

    async def test_too_many_messages_get_a_german_answer(self, monkeypatch: pytest.MonkeyPatch):
        channel = Channel(monkeypatch, FL_CHAT_RATE_SESSION="2/60")
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        for text in ("eins", "zwei", "drei"):
            await channel.say(sid, {"message": text, "session_id": SESSION})
        assert [message.text for message in channel.received] == ["eins", "zwei"]
        [answer] = channel.answers()
        assert answer.startswith("Sie haben in kurzer Zeit sehr viele Nachrichten geschickt.")
        assert "Sekunden" in answer

    async def test_logs_carry_neither_text_nor_full_id(
        self, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
    ):
        caplog.set_level(logging.DEBUG, logger="connectors.socketio_channel")
        channel = Channel(monkeypatch, FL_CHAT_RATE_SESSION="1/60")
        sid, _ = await channel.connect()
        await channel.confirmed(sid, {"session_id": SESSION})
        await channel.say(sid, {"message": SECRET_TEXT, "session_id": SESSION})
        await channel.say(sid, {"message": SECRET_TEXT, "session_id": SESSION})
        await channel.say(sid, {"message": SECRET_TEXT * 60, "session_id": SESSION})
        logged = "\n".join(record.getMessage() for record in caplog.records)
        assert "socketio.message_limited" in logged
        assert "Aylin" not in logged and "7654321" not in logged
        assert SESSION not in logged and SESSION[:6] in logged


SLOT_PAYLOAD = '/choose_slot{"appointment_slot": "x"}'


@pytest.mark.parametrize(
    ("text", "metadata", "expected"),
    [
        ("/request_callback", {"language": "en"}, '/request_callback{"language": "en"}'),
        ("/affirm", {"language": "ar-SY"}, '/affirm{"language": "ar"}'),
        ("/request_callback", {}, "/request_callback"),
        ("/request_callback", {"language": "fr"}, "/request_callback"),
        (SLOT_PAYLOAD, {"language": "en"}, SLOT_PAYLOAD),
        ("Bitte rufen Sie mich an", {"language": "en"}, "Bitte rufen Sie mich an"),
    ],
)
def test_a_plain_button_payload_carries_the_chosen_language(
    text: str, metadata: dict, expected: str
) -> None:
    """A walk in English: the callback button as first message was answered in German."""
    assert payload_with_language(text, metadata) == expected
