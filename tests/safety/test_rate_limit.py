"""The chat's rate limiter, in memory and in the real Redis (shared by processes)."""

from __future__ import annotations

import secrets

import pytest
import redis

from connectors.rate_limit import (
    Limit,
    MemoryStorage,
    RateLimiter,
    RateLimits,
    RedisStorage,
    limiter_from_env,
)

REDIS_URL = "redis://127.0.0.1:6379/0"


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def test_memory_limit_allows_the_limit_then_says_how_long_to_wait() -> None:
    clock = Clock(960_020.0)  # 20 s into a 60 s window
    limiter = RateLimiter(MemoryStorage(), clock)
    limit = Limit(3, 60)
    assert [await limiter.hit("session", "a", limit) for _ in range(3)] == [None] * 3
    assert await limiter.hit("session", "a", limit) == 40
    assert await limiter.hit("session", "b", limit) is None  # another session is not affected
    clock.now += 40  # the next window
    assert await limiter.hit("session", "a", limit) is None


async def test_redis_counts_are_shared_between_processes() -> None:
    prefix = f"fl-test-h11b:{secrets.token_hex(4)}"
    first = RateLimiter(RedisStorage(REDIS_URL, prefix))
    second = RateLimiter(RedisStorage(REDIS_URL, prefix))  # as if in another process
    limit = Limit(2, 60)
    assert await first.hit("address", "198.51.100.7", limit) is None
    assert await second.hit("address", "198.51.100.7", limit) is None
    wait = await first.hit("address", "198.51.100.7", limit)
    assert wait is not None and 1 <= wait <= 60
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{prefix}:*")
    assert keys and all(0 < redis.Redis.from_url(REDIS_URL).ttl(k) <= 61 for k in keys)
    redis.Redis.from_url(REDIS_URL).delete(*keys)


def test_limits_are_configurable_and_have_documented_defaults() -> None:
    defaults = RateLimits.from_env({})
    assert defaults == RateLimits(Limit(20, 60), Limit(120, 60), Limit(10, 60))
    custom = RateLimits.from_env({"FL_CHAT_RATE_SESSION": "5/10", "FL_CHAT_RATE_ADDRESS": "50"})
    assert custom.per_session == Limit(5, 10) and custom.per_address == Limit(50, 60)
    with pytest.raises(ValueError):
        Limit.parse("0/60")


def test_storage_follows_the_environment() -> None:
    assert isinstance(limiter_from_env({})._storage, MemoryStorage)
    shared = limiter_from_env({"FL_CHAT_RATE_REDIS_URL": REDIS_URL})
    assert isinstance(shared._storage, RedisStorage)


async def test_a_lost_redis_lets_messages_through() -> None:
    limiter = RateLimiter(RedisStorage("redis://127.0.0.1:9/0"))  # nothing listens there
    assert await limiter.hit("session", "a", Limit(1, 60)) is None
    assert await limiter.hit("session", "a", Limit(1, 60)) is None
