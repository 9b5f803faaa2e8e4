"""The chat side started with FL_ENV=production: closed doors, input and rate limits.

Starts the action server, Rasa and the demo server through scripts/services.py with
production settings only (PostgreSQL tracker, random secrets, a city site as the only
widget origin) and checks from outside what a city's IT department would try.
"""

from __future__ import annotations

import asyncio
import base64
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
import socketio

ROOT = Path(__file__).resolve().parents[2]
OFFSET = int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
PORTS = {"FL_ACTIONS_PORT": 15455 + OFFSET, "FL_RASA_PORT": 15405 + OFFSET, "FL_WEB_PORT": 18480}
PORTS["FL_WEB_PORT"] += OFFSET
CITY = "https://www.familienportal-ibbenbueren.de"
FOREIGN = "https://fremde-seite.test"
SESSION_LIMIT = 5
DELETE_LIMIT = 3

pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Production:
    rasa: str
    actions: str
    web: str
    actions_token: str
    database: str
    log: Path


def _database_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but TEST_DATABASE_URL is not set: production needs PostgreSQL")
        pytest.skip("set TEST_DATABASE_URL (PostgreSQL) to start the chat in production mode")
    return url.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    database = _database_url()
    with psycopg.connect(database, autocommit=True) as connection:
        connection.execute("DROP TABLE IF EXISTS events")
    work = tmp_path_factory.mktemp("production")
    token = secrets.token_urlsafe(32)
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FL_", "RASA_", "APPOINTMENTS_", "LOG_LEVEL"))
    }
    env = {
        **inherited,
        **{name: str(port) for name, port in PORTS.items()},
        "FL_ENV": "production",
        "FL_TRACKER_KEY": base64.urlsafe_b64encode(os.urandom(32)).decode(),
        "FL_TRACKER_URL": database,
        "FL_ACTIONS_TOKEN": token,
        "APPOINTMENTS_SERVICE_TOKEN": secrets.token_urlsafe(32),
        "FL_WIDGET_ORIGINS": CITY,
        "FL_RASA_URL": "https://chat.familienportal-ibbenbueren.de",
        "FL_CHAT_RATE_SESSION": f"{SESSION_LIMIT}/60",
        "FL_CHAT_RATE_DELETE": f"{DELETE_LIMIT}/60",
        "FL_APPOINTMENTS_URL": "http://127.0.0.1:9",
    }
    log_path = work / "services.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "scripts/services.py", "--only", "actions,rasa,web"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while "ALLE DIENSTE BEREIT" not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("Dienste nicht gestartet:\n" + log_path.read_text()[-4000:])
            time.sleep(1)
        yield Production(
            rasa=f"http://127.0.0.1:{PORTS['FL_RASA_PORT']}",
            actions=f"http://127.0.0.1:{PORTS['FL_ACTIONS_PORT']}",
            web=f"http://127.0.0.1:{PORTS['FL_WEB_PORT']}",
            actions_token=token,
            database=database,
            log=log_path,
        )
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


class Chat:
    """A socket.io client as the widget on a website with the given origin."""

    def __init__(self, origin: str = CITY) -> None:
        self.origin = origin
        self.sio = socketio.AsyncClient()
        self.answers: list[tuple[float, str]] = []
        self.session = ""
        self.sio.on(
            "bot_uttered",
            lambda data: self.answers.append((time.monotonic(), data.get("text") or "")),
        )
        confirmed: list[str] = []
        self.confirmed = confirmed
        self.sio.on("session_confirm", confirmed.append)

    async def open(self, production: Production) -> None:
        await self.sio.connect(
            production.rasa, socketio_path="/socket.io", transports=["websocket"],
            headers={"Origin": self.origin},
        )  # fmt: skip
        await self.sio.emit("session_request", {"session_id": None})
        await self.wait(lambda: self.confirmed)
        self.session = self.confirmed[-1]

    async def say(self, text: str) -> float:
        sent = time.monotonic()
        await self.sio.emit("user_uttered", {"message": text, "session_id": self.session})
        return sent

    async def wait(self, condition, seconds: float = 20) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            await asyncio.sleep(0.02)
        return False

    async def close(self) -> None:
        await self.sio.disconnect()


def test_the_rasa_http_api_is_not_there(production: Production) -> None:
    with httpx.Client(base_url=production.rasa, timeout=10) as client:
        assert client.get("/").status_code == 200
        token = {"token": "entwicklung-nur-lokal"}
        probes = [
            client.get("/status", params=token),
            client.get("/version"),
            client.get(f"/conversations/{secrets.token_hex(16)}/tracker", params=token),
            client.post(f"/conversations/{secrets.token_hex(16)}/tracker/events", json={}),
            client.put("/model", json={"model_file": "/tmp/boese.tar.gz"}),
            client.post("/model/parse", json={"text": "Hallo"}),
            client.get("/domain"),
            client.post("/webhooks/rest/webhook", json={"sender": "x", "message": "Hallo"}),
        ]
    assert [probe.status_code for probe in probes] == [404] * len(probes)


def test_the_action_server_answers_only_with_the_secret(production: Production) -> None:
    body = {"next_action": "validate_family_form", "tracker": {}, "domain": {}}
    with httpx.Client(base_url=production.actions, timeout=10) as client:
        assert client.post("/webhook", json=body).status_code == 401
        wrong = {"Authorization": "Bearer " + "x" * 43}
        assert client.post("/webhook", json=body, headers=wrong).status_code == 403
        right = {"Authorization": f"Bearer {production.actions_token}"}
        assert client.get("/actions", headers=right).status_code == 200
        assert client.get("/health").status_code == 200
        # A broken call from Rasa: the answer and the log must not repeat what it carried.
        # With a domain, so rasa-sdk runs the action instead of asking for the domain (449).
        broken = {
            "next_action": "action_answer_question",
            "tracker": {"phone": "0171 2345678"},
            "domain": {},
        }
        failed = client.post("/webhook", json=broken, headers=right)
    assert failed.status_code == 500 and "2345678" not in failed.text
    time.sleep(0.5)
    log = production.log.read_text()
    assert "actions.failed" in log
    assert "2345678" not in log and "Traceback" not in log


@pytest.mark.anyio
async def test_a_city_site_named_only_in_fl_widget_origins_can_chat(production: Production) -> None:
    chat = Chat(CITY)
    await chat.open(production)
    await chat.say("Hallo")
    assert await chat.wait(lambda: len(chat.answers) >= 2)
    assert any("Familienlotse" in text for _, text in chat.answers)
    # Answered by a custom action: Rasa reached the action server with the secret.
    await chat.say("Was kostet die Beratung?")
    assert await chat.wait(lambda: any("kostet Sie nichts" in text for _, text in chat.answers))
    await chat.close()


@pytest.mark.anyio
async def test_a_foreign_site_is_refused(production: Production) -> None:
    chat = Chat(FOREIGN)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await chat.open(production)
    url = f"{production.rasa}/webhooks/socketio/session/delete"
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = httpx.options(url, headers={"Origin": CITY, **preflight})
    refused = httpx.options(url, headers={"Origin": FOREIGN, **preflight})
    assert allowed.headers.get("access-control-allow-origin") == CITY
    assert "access-control-allow-origin" not in refused.headers


@pytest.mark.anyio
async def test_a_huge_message_gets_a_polite_answer_and_does_not_hold_up_others(
    production: Production,
) -> None:
    other, huge = Chat(), Chat()
    await other.open(production)
    await huge.open(production)
    await other.say("Hallo")  # first turn of the process warms the model up
    assert await other.wait(lambda: len(other.answers) >= 2)
    other.answers.clear()
    await huge.say("Kind " * 20_000)  # 100,000 characters
    sent = await other.say("Was kostet die Beratung?")
    assert await other.wait(lambda: other.answers, seconds=5)
    assert other.answers[0][0] - sent < 1.0
    assert await huge.wait(lambda: huge.answers)
    assert huge.answers[0][1].startswith("Ihre Nachricht ist leider zu lang.")
    await other.close()
    await huge.close()
    with psycopg.connect(production.database) as connection:
        rows = connection.execute(
            "SELECT count(*) FROM events WHERE sender_id = %s AND type_name = 'user'",
            (huge.session,),
        ).fetchone()
    assert rows == (0,)  # never parsed, never stored


@pytest.mark.anyio
async def test_too_many_messages_in_one_conversation_are_answered_politely(
    production: Production,
) -> None:
    chat = Chat()
    await chat.open(production)
    for _ in range(SESSION_LIMIT + 1):
        await chat.say("Hallo")
        await asyncio.sleep(0.05)
    assert await chat.wait(
        lambda: any("sehr viele Nachrichten" in text for _, text in chat.answers)
    )
    limited = next(text for _, text in chat.answers if "sehr viele Nachrichten" in text)
    assert "Bitte warten Sie" in limited and "Sekunden" in limited
    await chat.close()


def test_deleting_conversations_is_rate_limited_with_retry_after(production: Production) -> None:
    url = f"{production.rasa}/webhooks/socketio/session/delete"
    codes = [
        httpx.post(url, json={"session_id": secrets.token_hex(16)}) for _ in range(DELETE_LIMIT)
    ]
    assert [response.status_code for response in codes] == [204] * DELETE_LIMIT
    limited = httpx.post(url, json={"session_id": secrets.token_hex(16)})
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert "Bitte versuchen Sie es später" in limited.json()["error"]


@pytest.mark.anyio
async def test_production_logs_carry_no_contact_data(production: Production) -> None:
    chat = Chat()
    await chat.open(production)
    await chat.say("Rufen Sie mich an: 0171 2345678, lena.sommer@familie-test.de")
    assert await chat.wait(lambda: chat.answers)
    await chat.close()
    log = production.log.read_text()
    assert "Betriebsmodus (FL_ENV=production)" in log
    assert "2345678" not in log and "lena.sommer" not in log and "Traceback" not in log
    assert production.actions_token not in log
