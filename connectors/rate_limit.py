"""A small fixed-window rate limiter for the chat channel: in memory, or in Redis.

Why not `limits`/slowapi: every release of `limits` that supports Redis needs
`packaging>=21`, and Rasa 3.6 pins `packaging<21`; the bot environment must not change.
This module does one thing: count hits per key and window, atomically.

- `MemoryStorage` for one process (`make run`).
- `RedisStorage` where several Rasa processes serve the chat (FL_CHAT_RATE_REDIS_URL):
  INCR and EXPIRE in one MULTI/EXEC transaction, keys under a prefix.

Limits are read from the environment (defaults in `RateLimits.from_env`, documented in the
README and deploy/production.env.example).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    """At most `hits` per `seconds`."""

    hits: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> Limit:
        """'20/60' → 20 hits per 60 seconds."""
        hits, _, seconds = value.partition("/")
        limit = cls(int(hits), int(seconds or 60))
        if limit.hits < 1 or limit.seconds < 1:
            raise ValueError(f"ungültiges Limit: {value!r} (Form: Anzahl/Sekunden)")
        return limit


@dataclass(frozen=True)
class RateLimits:
    """The chat's limits: messages per session and per client address, deletions per address."""

    per_session: Limit
    per_address: Limit
    deletes_per_address: Limit

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> RateLimits:
        """FL_CHAT_RATE_SESSION, FL_CHAT_RATE_ADDRESS, FL_CHAT_RATE_DELETE ('hits/seconds')."""
        env = os.environ if env is None else env
        return cls(
            per_session=Limit.parse(env.get("FL_CHAT_RATE_SESSION") or "20/60"),
            per_address=Limit.parse(env.get("FL_CHAT_RATE_ADDRESS") or "120/60"),
            deletes_per_address=Limit.parse(env.get("FL_CHAT_RATE_DELETE") or "10/60"),
        )


class Storage(Protocol):
    """Counts hits of one key in one window."""

    async def incr(self, key: str, expire_seconds: int) -> int:
        """Add one hit and return the count of this window."""
        ...


class MemoryStorage:
    """Counters in this process; old windows are dropped as time passes."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._expiry: dict[str, float] = {}
        self._next_sweep = 0.0

    async def incr(self, key: str, expire_seconds: int) -> int:
        now = time.monotonic()
        if now >= self._next_sweep:
            for old in [k for k, until in self._expiry.items() if until <= now]:
                self._counts.pop(old, None)
                self._expiry.pop(old, None)
            self._next_sweep = now + 30
        self._counts[key] = self._counts.get(key, 0) + 1
        self._expiry.setdefault(key, now + expire_seconds)
        return self._counts[key]


class RedisStorage:
    """Counters in Redis, shared by all processes."""

    def __init__(self, url: str, prefix: str = "fl:chat-rate") -> None:
        import redis.asyncio

        self._redis = redis.asyncio.Redis.from_url(url)
        self._prefix = prefix

    async def incr(self, key: str, expire_seconds: int) -> int:
        async with self._redis.pipeline(transaction=True) as pipe:
            full = f"{self._prefix}:{key}"
            pipe.incr(full)
            pipe.expire(full, expire_seconds + 1)
            count, _ = await pipe.execute()
        return int(count)


class RateLimiter:
    """Fixed windows: `hit()` answers None (allowed) or the seconds until the window ends."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.time) -> None:
        self._storage = storage
        self._clock = clock

    async def hit(self, name: str, identity: str, limit: Limit) -> int | None:
        """Count one hit for `identity` under `name`; None if within the limit."""
        now = self._clock()
        window = int(now // limit.seconds)
        try:
            count = await self._storage.incr(f"{name}:{identity}:{window}", limit.seconds)
        except Exception as error:
            # A lost Redis must not silence the chat for everyone: count nothing, say so.
            logger.warning("rate_limit.storage_failed error=%s", type(error).__name__)
            return None
        if count <= limit.hits:
            return None
        return max(1, int((window + 1) * limit.seconds - now + 0.999))


def limiter_from_env(env: Mapping[str, str] | None = None) -> RateLimiter:
    """Redis storage when FL_CHAT_RATE_REDIS_URL is set, else memory."""
    env = os.environ if env is None else env
    url = (env.get("FL_CHAT_RATE_REDIS_URL") or "").strip()
    storage: Any = RedisStorage(url) if url else MemoryStorage()
    return RateLimiter(storage)
