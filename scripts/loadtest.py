"""Drive concurrent REST conversations against a Rasa server and measure turn times.

One load script for every bot we compare (this project and a vanilla `rasa init` bot), so
the benchmark measures both the same way. Each simulated user sends its turns one after
the other (a family waits for the answer before typing again); users run concurrently.

    .venv-api/bin/python scripts/loadtest.py --url http://127.0.0.1:5005 --bot project \
        --users 20 --turns 10

Prints one JSON object: turns, errors, turns/s, p50/p95 and the median turn time of
turns 1–10 and 31–40 (to see whether a turn gets slower as the conversation grows).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import statistics
import time
from dataclasses import asdict, dataclass, field

import httpx

# Opening turns, then questions that can be asked again and again in one conversation.
SCRIPTS: dict[str, tuple[list[str], list[str]]] = {
    "project": (
        ["Hallo", "Meine Kinder sind 4 und 7", "ja"],
        [
            "Was kostet die Beratung?",
            "Wo findet das statt?",
            "Gibt es einen Dolmetscher?",
            "Was passiert mit meinen Daten?",
            "Was ist mit der Kita?",
            "Wer hilft bei Schulsachen?",
        ],
    ),
    "vanilla": (
        ["hello"],
        ["I am sad", "yes", "great", "are you a bot?", "very good", "no"],
    ),
}


def messages(bot: str, turns: int) -> list[str]:
    """The user's messages for one conversation of `turns` turns."""
    opening, repeating = SCRIPTS[bot]
    result = list(opening[:turns])
    while len(result) < turns:
        result.append(repeating[(len(result) - len(opening)) % len(repeating)])
    return result


@dataclass
class Result:
    """What one load run saw."""

    users: int
    turns_per_user: int
    turns: int = 0
    errors: int = 0
    empty_answers: int = 0
    seconds: float = 0.0
    durations_ms: list[float] = field(default_factory=list, repr=False)
    by_turn_ms: dict[int, list[float]] = field(default_factory=dict, repr=False)

    def summary(self) -> dict[str, object]:
        ordered = sorted(self.durations_ms) or [0.0]

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

        def median_of(first: int, last: int) -> float | None:
            values = [v for t, vs in self.by_turn_ms.items() if first <= t <= last for v in vs]
            return round(statistics.median(values), 1) if values else None

        data = {k: v for k, v in asdict(self).items() if k not in ("durations_ms", "by_turn_ms")}
        data.update(
            seconds=round(self.seconds, 2),
            turns_per_s=round(self.turns / self.seconds, 2) if self.seconds else 0.0,
            p50_ms=pct(0.50),
            p95_ms=pct(0.95),
            median_turns_1_10_ms=median_of(1, 10),
            median_turns_31_40_ms=median_of(31, 40),
        )
        return data


async def conversation(
    client: httpx.AsyncClient,
    bot: str,
    turns: int,
    result: Result,
    retries: int,
    check: bool,
) -> None:
    """One user: send each message, wait for the answer, record the time."""
    sender = secrets.token_hex(16)
    for index, text in enumerate(messages(bot, turns), start=1):
        started = time.perf_counter()
        for attempt in range(retries + 1):
            try:
                response = await client.post(
                    "/webhooks/rest/webhook", json={"sender": sender, "message": text}
                )
                response.raise_for_status()
                answer = response.json()
                break
            except (httpx.HTTPError, ValueError):
                if attempt == retries:
                    result.errors += 1
                    answer = None
                else:
                    await asyncio.sleep(0.5)
        elapsed = (time.perf_counter() - started) * 1000
        if answer is None:
            continue
        if check and not answer:
            result.empty_answers += 1
        result.turns += 1
        result.durations_ms.append(elapsed)
        result.by_turn_ms.setdefault(index, []).append(elapsed)


async def run(
    url: str, bot: str, users: int, turns: int, retries: int = 0, check: bool = True
) -> Result:
    """Run `users` conversations of `turns` turns at once against `url`."""
    result = Result(users=users, turns_per_user=turns)
    limits = httpx.Limits(max_connections=users + 5, max_keepalive_connections=users + 5)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(conversation(client, bot, turns, result, retries, check) for _ in range(users))
        )
        result.seconds = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--bot", choices=sorted(SCRIPTS), default="project")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--retries", type=int, default=0, help="resend a failed turn")
    args = parser.parse_args()
    result = asyncio.run(run(args.url, args.bot, args.users, args.turns, args.retries))
    print(json.dumps(result.summary()))


if __name__ == "__main__":
    main()
