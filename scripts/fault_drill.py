"""Fault drill (`make fault-drill`): crash one Rasa server and one action server under load.

Starts the cluster (scripts/cluster.py) on test ports with fresh databases, runs
conversations through the load balancer – some ask questions, some book a joint
appointment – and, while they run, kills one Rasa server and one action server with
SIGKILL, as a crash would. A turn that was in flight on the killed server gets an error
from nginx and is sent again by the client (as the widget's user would).

Checks, printed as it goes:
- every conversation answers every turn, also after the crash;
- every conversation keeps its history (all user turns in the tracker, the children's
  ages still known at the end);
- every booking a family was told about exists exactly once in the API, and the API has
  no booking nobody was told about.

`--short` is the form `make test` runs (fewer conversations, same checks).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import Cluster, Settings

QUESTIONS = [
    "Was kostet die Beratung?",
    "Wo findet das statt?",
    "Gibt es einen Dolmetscher?",
    "Was ist mit der Kita?",
    "Wer hilft bei Schulsachen?",
]
FIRST_NAMES = ["Anna", "Berta", "Clara", "Dora", "Emil", "Frida", "Greta", "Hanna", "Ida", "Jonas"]
ANSWER_TIMEOUT = 30.0
STAFF = ("demo.musterfrau", os.environ.get("APPOINTMENTS_DEMO_STAFF_PASSWORD", "demo-passwort"))


@dataclass
class Conversation:
    """What one simulated family sent and saw."""

    sender: str
    books: bool
    name: str = ""
    phone: str = ""
    sent: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    resent: int = 0
    failed: int = 0
    empty: int = 0
    reference: str | None = None
    slowest_ms: float = 0.0


def text_of(answer: list[dict]) -> str:
    return "\n".join(a.get("text", "") for a in answer)


def buttons_of(answer: list[dict]) -> list[str]:
    return [b["payload"] for a in answer for b in a.get("buttons") or []]


async def say(client: httpx.AsyncClient, c: Conversation, text: str) -> list[dict]:
    """Send one message; resend after an error, as a family would press send again.

    After a crash, Rasa's ticket lock (RedisLockStore) can leave the one message that was
    in flight waiting; a family waits, then sends again (ANSWER_TIMEOUT), which the next
    ticket serves.
    """
    started = time.perf_counter()
    for attempt in range(8):
        try:
            response = await client.post(
                "/webhooks/rest/webhook",
                json={"sender": c.sender, "message": text},
                timeout=ANSWER_TIMEOUT,
            )
            response.raise_for_status()
            answer = response.json()
            break
        except (httpx.HTTPError, ValueError):
            c.resent += 1
            await asyncio.sleep(0.5 * (attempt + 1))
    else:
        c.failed += 1
        answer = []
    c.slowest_ms = max(c.slowest_ms, (time.perf_counter() - started) * 1000)
    c.sent.append(text)
    c.answers.append(text_of(answer))
    if not answer:
        c.empty += 1
    return answer


async def question_family(client: httpx.AsyncClient, c: Conversation, turns: int) -> None:
    await say(client, c, "Hallo")
    await say(client, c, "Meine Kinder sind 4 und 7")
    await say(client, c, "ja")
    for n in range(turns - 3):
        await say(client, c, QUESTIONS[n % len(QUESTIONS)])
        await asyncio.sleep(0.2)


async def booking_family(client: httpx.AsyncClient, c: Conversation, index: int) -> None:
    """Book the way a family does; adapt if the chosen time was taken meanwhile."""
    await say(client, c, "Hallo")
    await say(client, c, "Meine Kinder sind 4 und 7")
    await say(client, c, "ja")
    await say(client, c, QUESTIONS[index % len(QUESTIONS)])
    answer = await say(client, c, "Ich möchte einen Termin")
    for attempt in range(4):
        offers = [b for b in buttons_of(answer) if b.startswith("/choose_slot")]
        if not offers:
            return
        answer = await say(client, c, offers[(index + attempt) % len(offers)])
        if "Namen" in text_of(answer):
            break
    else:
        return
    await say(client, c, c.name)
    await say(client, c, c.phone)
    confirmation = text_of(await say(client, c, "ja"))
    found = re.search(r"Ihre Buchungsnummer: (\S+)", confirmation)
    c.reference = found.group(1) if found else None
    await say(client, c, QUESTIONS[(index + 1) % len(QUESTIONS)])


async def watch_locks(s: Settings, seen: set[str]) -> None:
    """Note the conversation locks Rasa keeps in Redis while turns are processed."""
    command = ["redis-cli", "-h", s.redis_host, "-p", str(s.redis_port), "-n", str(s.redis_db),
               "--scan", "--pattern", f"{s.redis_prefix}*"]  # fmt: skip
    while True:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL
        )
        out, _ = await process.communicate()
        seen.update(out.decode().split())
        await asyncio.sleep(0.3)


async def socketio_turns(url: str, transport: str) -> list[str]:
    """One widget-like conversation over socket.io through nginx; the bot's texts.

    Like a family with the widget: if the connection breaks (its Rasa server died) or no
    answer comes, connect again with the same session id and send the message again.
    """
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    answers: list[str] = []
    client.on("bot_uttered", lambda data: answers.append(data.get("text", "")))
    session_id = secrets.token_hex(16)

    async def ensure_connected() -> None:
        if client.connected:
            return
        await client.connect(
            url, socketio_path="/socket.io", transports=[transport], wait_timeout=30
        )
        await client.emit("session_request", {"session_id": session_id})

    turns = (("Hallo", "Wie alt"), ("Meine Kinder sind 4 und 7", "Bürgergeld"))
    try:
        for text, expected in turns:
            for _attempt in range(4):
                try:
                    await ensure_connected()
                    await client.emit("user_uttered", {"message": text, "session_id": session_id})
                except (socketio.exceptions.SocketIOError, OSError):
                    await asyncio.sleep(2)
                    continue
                for _ in range(200):
                    if any(expected in answer for answer in answers) or not client.connected:
                        break
                    await client.sleep(0.1)
                if any(expected in answer for answer in answers):
                    break
                await client.disconnect()
    finally:
        await client.disconnect()
    return answers


async def drill(cluster: Cluster, families: int, bookers: int, turns: int) -> bool:
    s = cluster.settings
    chat = f"http://127.0.0.1:{s.rasa_port}"
    conversations = [
        Conversation(secrets.token_hex(16), books=i < bookers) for i in range(families)
    ]
    for i, c in enumerate(conversations):
        c.name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} Drill"
        c.phone = f"0171 5550{i:03d}"
    limits = httpx.Limits(max_connections=families + 5)
    async with httpx.AsyncClient(base_url=chat, timeout=120, limits=limits) as client:
        work = [
            booking_family(client, c, i) if c.books else question_family(client, c, turns)
            for i, c in enumerate(conversations)
        ]
        tasks = [asyncio.create_task(w) for w in work]
        locks: set[str] = set()
        watcher = asyncio.create_task(watch_locks(s, locks))
        polling = asyncio.create_task(socketio_turns(chat, "polling"))
        # Kill once the conversations are under way (about a third of the turns sent).
        expected = bookers * 10 + (families - bookers) * turns
        while sum(len(c.sent) for c in conversations) < expected // 3:
            await asyncio.sleep(0.2)
        sent_before = sum(len(c.sent) for c in conversations)
        for name in ("rasa1", "actions1"):
            pid = cluster.kill(name)
            cluster.say(f"KILL -9 {name} (pid {pid}) nach {sent_before} gesendeten Nachrichten")
        websocket = asyncio.create_task(socketio_turns(chat, "websocket"))
        await asyncio.gather(*tasks)
        watcher.cancel()
        transports = {"polling": await polling, "websocket": await websocket}
        cluster.say(
            f"Redis-Lock-Store (Rasa RedisLockStore): {len(locks)} Gesprächs-Sperren gesehen"
        )
        cluster.say(
            "Last beendet: "
            f"{sum(len(c.sent) for c in conversations)} Nachrichten, "
            f"{sum(c.resent for c in conversations)} nach einem Fehler erneut gesendet, "
            f"langsamste Antwort {max(c.slowest_ms for c in conversations) / 1000:.1f} s"
        )
        trackers = {}
        for c in conversations:
            response = await client.get(
                f"/conversations/{c.sender}/tracker", params={"token": s.token}
            )
            trackers[c.sender] = response.json()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{s.api_port}", auth=STAFF) as api:
        bookings = (await api.get("/staff/bookings")).raise_for_status().json()["bookings"]
    return report(cluster, conversations, trackers, bookings, locks, transports)


def report(
    cluster: Cluster,
    conversations: list[Conversation],
    trackers: dict,
    bookings: list[dict],
    locks: set[str],
    transports: dict[str, list[str]],
) -> bool:
    ok = True

    def check(passed: bool, text: str) -> None:
        nonlocal ok
        ok = ok and passed
        cluster.say(("OK    " if passed else "FEHLER ") + text)

    alive = [n for n, i in cluster.instances.items() if i.alive()]
    check(
        not cluster.instances["rasa1"].alive() and cluster.instances["rasa2"].alive(),
        f"rasa1 tot, weiter bedient von: {', '.join(n for n in alive if n.startswith('rasa'))}",
    )
    failed = sum(c.failed for c in conversations)
    empty = sum(c.empty for c in conversations)
    check(failed == 0, f"jede Nachricht wurde beantwortet (ohne Antwort: {failed})")
    check(empty == 0, f"keine leere Antwort ({empty} leer)")
    missing_history = []
    for c in conversations:
        events = trackers[c.sender].get("events", [])
        users = [e for e in events if e.get("event") == "user"]
        ages = trackers[c.sender].get("slots", {}).get("child_ages")
        # A family that booked has its contact answers masked, but every turn is there.
        if len(users) < len(c.sent) or (not c.books and ages != [4, 7]):
            missing_history.append(f"{c.sender[:6]}… ({len(users)}/{len(c.sent)}, Alter {ages})")
    check(
        not missing_history,
        f"jedes Gespräch hat seinen Verlauf ({len(conversations)} Gespräche)"
        + (": fehlt bei " + ", ".join(missing_history) if missing_history else ""),
    )
    for transport, texts in transports.items():
        check(
            any("Bürgergeld" in t for t in texts),
            f"socket.io über nginx ({transport}): {len(texts)} Antworten, Alter verstanden",
        )
    check(bool(locks), f"Rasa hat Sperren in Redis gehalten ({len(locks)} Gespräche)")
    bookers = [c for c in conversations if c.books]
    told = [c.reference for c in bookers if c.reference]
    stored = [b["reference"] for b in bookings]
    names = [b["contact"]["name"] for b in bookings]
    check(len(told) == len(bookers), f"{len(told)} von {len(bookers)} Familien haben gebucht")
    check(
        sorted(told) == sorted(stored),
        f"jede bestätigte Buchung genau einmal in der API ({len(stored)} gespeichert)",
    )
    check(
        len(set(names)) == len(names),
        "keine Familie doppelt gebucht (" + ", ".join(sorted(names)) + ")",
    )
    return ok


def drill_settings(args: argparse.Namespace) -> Settings:
    """Test ports (moved by FL_TEST_PORT_OFFSET) and throw-away databases of the drill."""
    off = int(os.environ.get("FL_TEST_PORT_OFFSET", "0"))
    env = dict(os.environ)
    env.update(
        FL_RASA_PORT=str(15305 + off),
        FL_API_PORT=str(18300 + off),
        FL_WEB_PORT=str(18380 + off),
        FL_CLUSTER_INTERNAL_PORT=str(19000 + off),
        FL_CLUSTER_TRACKER_DB=f"fl_cluster_drill{off}_tracker",
        FL_CLUSTER_APPOINTMENTS_DB=f"fl_cluster_drill{off}_appointments",
        FL_CLUSTER_REDIS_PREFIX=f"fldrill{off}",
        FL_CLUSTER_WORK=str(Path(args.work).resolve()),
        FL_CLUSTER_WEB="1" if args.short else env.get("FL_CLUSTER_WEB", "2"),
    )
    env.setdefault("FL_CLUSTER_REDIS_DB", "2")
    # Every simulated family comes from 127.0.0.1: the per-address chat limit would count
    # them as one visitor. The limits themselves are tested in tests/safety and tests/e2e.
    os.environ.setdefault("FL_CHAT_RATE_ADDRESS", "100000/60")
    return Settings.from_env(env)


def drop_databases(s: Settings) -> None:
    import psycopg

    with psycopg.connect(
        host=s.pg_host, port=s.pg_port, user=s.pg_user, password=s.pg_password or None,
        dbname="postgres", autocommit=True,
    ) as connection:  # fmt: skip
        for name in (s.tracker_db, s.appointments_db):
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--short", action="store_true", help="kurze Form für make test")
    parser.add_argument("--work", default="var/fault-drill")
    args = parser.parse_args()
    families, bookers, turns = (8, 3, 12) if args.short else (24, 6, 20)
    settings = drill_settings(args)
    started = time.monotonic()
    cluster = Cluster(settings, quiet=True)
    cluster.say(
        f"Fault-Drill: {families} Gespräche ({bookers} buchen), "
        f"{settings.rasa_instances}× Rasa, {settings.actions_instances}× Actions"
    )
    try:
        drop_databases(settings)
        cluster.start()
        cluster.say(f"Cluster bereit nach {time.monotonic() - started:.0f} s")
        ok = asyncio.run(drill(cluster, families, bookers, turns))
    except RuntimeError as error:
        cluster.say(f"FEHLER {error}")
        ok = False
    finally:
        cluster.stop()
    cluster.say(
        ("Fault-Drill bestanden" if ok else "Fault-Drill FEHLGESCHLAGEN")
        + f" ({time.monotonic() - started:.0f} s; Protokolle: {settings.work})"
    )
    print(json.dumps({"ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
